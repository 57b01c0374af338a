/** QR scanner in virtual-COM ("USB CDC") mode: lines ended by the configured terminator. */
import type { SerialQrScannerConfig } from '../config.js';
import { SerialQrScanner } from '../qr/serial-qr-scanner.js';
import { connectSerialPort, portAttached } from '../slots/serial-port.js';
import { defineSlotKind } from '../slots/slot-kind.js';

export const serialQrScanner = defineSlotKind({
  kind: 'qr_scanner',
  transport: 'serial',
  configured: (c) => c.serialQrScanners,
  label: (q: SerialQrScannerConfig) => `Serial QR scanner ${q.path}`,
  connect: (q, ctx) => connectSerialPort(q, ctx, (port) => portAttached(new SerialQrScanner({ deviceId: q.id, port, terminator: q.terminator }), port)),
});
