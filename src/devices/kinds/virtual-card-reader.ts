/** The developer panel's card reader (embedded default): the real serial driver over binding-mock. */
import { messageOf } from '../events.js';
import { attached, defineSlotKind } from '../slots/slot-kind.js';
import { VirtualCardReader } from '../virtual/virtual-card-reader.js';

export const VIRTUAL_CARD_ID = 'virtual-card';

export const virtualCardReader = defineSlotKind({
  kind: 'card_reader',
  transport: 'virtual',
  alwaysPresent: true,
  configured: (c) => (c.virtual ? [{ id: VIRTUAL_CARD_ID }] : []),
  label: () => 'Virtual card reader',
  connect: async ({ id }, _ctx, env) => {
    try {
      const card = await VirtualCardReader.open({ deviceId: id, today: env.today });
      return { where: 'virtual', driver: attached(card.reader, { requestRead: () => card.reader.requestRead(), dispose: () => card.close(), device: card }) };
    } catch (e) {
      // the terminal works without its virtual reader; the panel shows it not started
      env.log('warn', 'virtual devices failed to open', { reason: messageOf(e) });
      return { state: 'disconnected', reason: 'not started', backoff: false };
    }
  },
});
