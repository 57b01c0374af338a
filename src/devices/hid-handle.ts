/** The part of a node-hid device handle the drivers use (fake HID sources implement the same). */

/** Reading side: HID POS scanners only listen. */
export interface HidSource {
  on(event: 'data' | 'error', listener: (arg: any) => void): unknown;
  removeListener(event: 'data' | 'error', listener: (arg: any) => void): unknown;
  close(): unknown;
}

/** Card readers also write (output reports carry the read and beep commands). */
export interface HidHandle extends HidSource {
  write(values: number[] | Buffer): number;
}
