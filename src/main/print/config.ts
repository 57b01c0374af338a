/**
 * The `printer` section of the configuration: which receipt printer, how it is attached, its paper,
 * and how the queue waits. The embedded default is the virtual printer (slips on screen, bytes kept).
 *
 *   { "printer": { "kind": "network", "width": 80, "network": { "host": "192.168.1.50" } } }
 *   { "printer": { "kind": "usb", "width": 58, "usb": { "device": "/dev/usb/lp0" } } }
 *   { "printer": { "kind": "serial", "serial": { "path": "/dev/ttyS0", "baudRate": 19200 } } }
 */
import { z } from 'zod';

export const PrinterConfig = z
  .object({
    kind: z.enum(['virtual', 'serial', 'usb', 'network']).default('virtual'),
    /** paper width in mm: 58 (32 columns) or 80 (48 columns) */
    width: z.union([z.literal(58), z.literal(80)]).default(80),
    /** gb18030 for printers with a full GB18030 font; gbk where four-byte characters print as garbage (they become ?) */
    encoding: z.enum(['gb18030', 'gbk']).default('gb18030'),
    cut: z.enum(['full', 'partial', 'none']).default('partial'),
    /** the cash drawer on the printer's drawer port: opened when a settlement with a cash part is confirmed */
    drawer: z
      .object({
        onCash: z.boolean().default(true),
        pin: z.union([z.literal(2), z.literal(5)]).default(2),
        onMs: z.number().int().min(2).max(510).default(100),
        offMs: z.number().int().min(2).max(510).default(200),
      })
      .strict()
      .prefault({}),
    /** the window's name printed on slips (e.g. "1号收费窗口") */
    window: z.string().min(1).max(20).nullable().default(null),
    /**
     * A slip waits this long for the center's answer, so it carries the center's split and setl_id;
     * then it prints anyway, marked "离线结算 · 待医保中心确认". 0 prints at confirm. An offline
     * confirm prints at once.
     */
    waitForCenterMs: z.number().int().min(0).max(60_000).default(3_000),
    /** a printer that is not ready (paper out, cover open, offline) is tried again after this */
    retryMs: z.number().int().min(100).max(600_000).default(5_000),
    /** how often the status bar's printer state is refreshed when nothing prints */
    statusPollMs: z.number().int().min(100).max(600_000).default(5_000),
    /** how long a status query (DLE EOT) may take before the printer counts as offline */
    statusTimeoutMs: z.number().int().min(50).max(30_000).default(1_000),
    serial: z.object({ path: z.string().min(1), baudRate: z.number().int().positive().default(9600) }).strict().optional(),
    /** the USB printer class device node (Linux usblp) */
    usb: z.object({ device: z.string().min(1).default('/dev/usb/lp0') }).strict().optional(),
    /** raw TCP (port 9100, "JetDirect") */
    network: z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535).default(9100), timeoutMs: z.number().int().min(100).max(60_000).default(3_000) }).strict().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.kind === 'serial' && !c.serial) ctx.addIssue({ code: 'custom', path: ['serial'], message: 'printer.kind "serial" needs printer.serial.path' });
    if (c.kind === 'network' && !c.network) ctx.addIssue({ code: 'custom', path: ['network'], message: 'printer.kind "network" needs printer.network.host' });
  });
export type PrinterConfig = z.infer<typeof PrinterConfig>;
