/**
 * The printer's real-time status (DLE EOT), the one thing a thermal printer can tell the terminal:
 * each query answers one byte whose fixed bits are 0x12 (bit 1 and bit 4 set, bits 0 and 7 clear).
 *   n=1 printer:       bit 3 offline
 *   n=2 offline cause: bit 2 cover open, bit 5 printing stopped at paper end, bit 6 error
 *   n=4 paper sensor:  bits 2+3 paper near its end, bits 5+6 paper end
 * It cannot say that a slip came out: only whether the printer is ready now.
 */
export type PrinterState = 'ready' | 'paper_out' | 'cover_open' | 'offline' | 'error' | 'unknown';

export interface StatusBytes {
  printer: number;
  offline: number;
  paper: number;
}

/** a status byte has 0x12 set and 0x81 clear */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export function stateOf(s: StatusBytes): { state: PrinterState; nearEnd: boolean } {
  const nearEnd = (s.paper & 0x0c) !== 0;
  if ((s.paper & 0x60) !== 0 || (s.offline & 0x20) !== 0) return { state: 'paper_out', nearEnd };
  if ((s.offline & 0x04) !== 0) return { state: 'cover_open', nearEnd };
  if ((s.offline & 0x40) !== 0) return { state: 'error', nearEnd };
  if ((s.printer & 0x08) !== 0) return { state: 'offline', nearEnd };
  return { state: 'ready', nearEnd };
}

/** the bytes a printer in `state` answers (the virtual printer and the test printers answer with these) */
export function statusBytesFor(state: PrinterState, nearEnd = false): StatusBytes {
  const base = 0x12;
  const near = nearEnd ? 0x0c : 0;
  switch (state) {
    case 'paper_out':
      return { printer: base | 0x08, offline: base | 0x20, paper: base | 0x60 | near };
    case 'cover_open':
      return { printer: base | 0x08, offline: base | 0x04, paper: base | near };
    case 'error':
      return { printer: base | 0x08, offline: base | 0x40, paper: base | near };
    case 'offline':
      return { printer: base | 0x08, offline: base, paper: base | near };
    default:
      return { printer: base, offline: base, paper: base | near };
  }
}

/** the answer byte to DLE EOT n from a printer with these status bytes (n 3: no error) */
export function answerTo(n: number, s: StatusBytes): number {
  return n === 1 ? s.printer : n === 2 ? s.offline : n === 4 ? s.paper : 0x12;
}
