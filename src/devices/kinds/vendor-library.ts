/**
 * The reader vendor's card library (iReadCardBas), loaded in a process of its own
 * (vendor-library/). A library file that is not there is "disconnected" (looked for again with
 * backoff, like an unplugged reader); one that will not load (wrong architecture, missing function)
 * is "unavailable" with the loader's reason; a library that hangs or crashes is restarted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { VendorLibraryConfig } from '../config.js';
import { messageOf } from '../events.js';
import { attached, defineSlotKind } from '../slots/slot-kind.js';
import { VendorLibraryReader } from '../vendor-library/reader.js';

export const vendorLibrary = defineSlotKind({
  kind: 'card_reader',
  transport: 'library',
  configured: (c) => c.vendorLibraries,
  label: (l: VendorLibraryConfig) => `Card library ${path.basename(l.path)}`,
  connect: async (l, _ctx, env) => {
    if (!fs.existsSync(l.path)) return { state: 'disconnected', reason: `${l.path} not present`, backoff: true };
    try {
      const r = await VendorLibraryReader.open({ deviceId: l.id, config: l, today: env.today });
      return { where: l.path, driver: attached(r, { requestRead: () => r.requestRead(), dispose: () => r.dispose() }) };
    } catch (e) {
      return { state: 'unavailable', reason: messageOf(e), backoff: true };
    }
  },
});
