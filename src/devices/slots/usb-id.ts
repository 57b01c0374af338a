/** USB vendor/product ids as enumeration reports them (hex text) and as labels show them. */

/** Whether hex text from SerialPort.list() ("1a86", "0x1A86") is the wanted id; no wanted id matches all. */
export function usbIdEquals(text: string | undefined, want: number | undefined): boolean {
  if (want === undefined) return true;
  if (text === undefined || !/^(0x)?[0-9a-fA-F]{1,4}$/.test(text)) return false;
  return parseInt(text.replace(/^0x/i, ''), 16) === want;
}

/** "1a86:7523", with * for an id that is not part of the match. */
export function usbIdText(vid: number | undefined, pid: number | undefined): string {
  const h = (n: number | undefined) => (n === undefined ? '*' : n.toString(16).padStart(4, '0'));
  return `${h(vid)}:${h(pid)}`;
}
