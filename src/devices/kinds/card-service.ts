/** A vendor's loopback WebSocket card service; reconnects with backoff when it goes away. */
import { CardServiceReader } from '../card/card-service-reader.js';
import type { CardServiceConfig } from '../config.js';
import { messageOf } from '../events.js';
import { attached, defineSlotKind } from '../slots/slot-kind.js';

export const cardService = defineSlotKind({
  kind: 'card_reader',
  transport: 'websocket',
  configured: (c) => c.cardServices,
  label: (s: CardServiceConfig) => `Card service ${s.url}`,
  connect: async (s, _ctx, env) => {
    try {
      const r = await CardServiceReader.connect({ deviceId: s.id, url: s.url, today: env.today });
      return { where: s.url, driver: attached(r, { requestRead: () => r.requestRead(), dispose: () => r.dispose() }) };
    } catch (e) {
      return { state: 'disconnected', reason: `cannot reach ${s.url}: ${messageOf(e)}`, backoff: true };
    }
  },
});
