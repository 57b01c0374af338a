/**
 * `pos audit`: the tamper-evident audit log, for auditors.
 *   pos audit verify [--expect "#1234 3f2a91bc5e7d0a14"] [--json]
 *       checks the whole hash chain and every cashier row's integrity check; --expect is a chain head
 *       from paper (end-of-day report, shift hand-over): the chain must still hold exactly that entry.
 *   pos audit head        the chain head as printed on paper
 * Exit codes: 0 intact, 3 broken (the first broken link is named), 1 failed, 2 usage.
 */
import { openStore } from '../app.js';
import { loadConfig } from '../config.js';
import { auditHeadLine } from '../store/audit.js';
import { parseAuditHead } from '../store/audit-verify.js';
import { EXIT, option, type Io } from './args.js';
import { AUDIT_USAGE } from './usage.js';

export async function auditCommand(argv: string[], io: Io = process): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'verify' && sub !== 'head') {
    io.stderr.write(`pos audit: verify or head\n${AUDIT_USAGE}\n`);
    return EXIT.usage;
  }
  const expectText = option(rest, '--expect');
  const expect = expectText === undefined ? undefined : parseAuditHead(expectText);
  if (expect === null) {
    io.stderr.write('pos audit: --expect "#ID HASH" as printed (e.g. "#1234 3f2a91bc5e7d0a14")\n');
    return EXIT.usage;
  }
  let store;
  try {
    store = openStore(loadConfig(option(rest, '--config')).config);
  } catch (e) {
    io.stderr.write(`pos audit: ${(e as Error).message}\n`);
    return EXIT.failed;
  }
  try {
    if (sub === 'head') {
      io.stdout.write(`${auditHeadLine(store.audit.head())}\n`);
      return EXIT.ok;
    }
    const v = await store.auditVerifier.verify({ expect });
    const tampered = store.cashiers.tampered();
    const ok = v.ok && tampered.length === 0;
    if (rest.includes('--json')) {
      io.stdout.write(`${JSON.stringify({ ok, checked: v.checked, head: auditHeadLine(v.head), broken: v.broken, cashiersTampered: tampered })}\n`);
    } else {
      io.stdout.write(`audit chain: ${v.checked} entries checked, head ${auditHeadLine(v.head)}\n`);
      if (v.broken) io.stdout.write(`BROKEN at audit #${v.broken.id}: ${v.broken.message}\n`);
      for (const no of tampered) io.stdout.write(`BROKEN: cashier ${no} fails its integrity check (edited outside the terminal, or a PIN hash copied)\n`);
      if (ok) io.stdout.write(`intact${expect ? ` (and holds ${expectText})` : ''}\n`);
    }
    return ok ? EXIT.ok : EXIT.notBalanced;
  } catch (e) {
    io.stderr.write(`pos audit: failed: ${(e as Error).message}\n`);
    return EXIT.failed;
  } finally {
    store.close();
  }
}
