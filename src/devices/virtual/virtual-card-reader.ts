/**
 * A card reader that exists only in software: a @serialport/binding-mock port opened with
 * SerialPortStream, read by the SAME SerialCardReader driver as real hardware. `present()` plays the
 * reader's side: GBK basic info, framed with the profile, pushed into the port.
 */
import iconv from 'iconv-lite';
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock';
import { SerialPortStream } from '@serialport/stream';
import { DEFAULT_FRAME_PROFILE, type FrameProfile } from '../config.js';
import { encodeFrame } from '../card/frame-codec.js';
import { SerialCardReader } from '../card/serial-card-reader.js';

let portSeq = 0;

export interface VirtualCardReaderOptions {
  deviceId?: string;
  /** mock port path; unique by default (MockBinding's port table is process-wide) */
  path?: string;
  profile?: FrameProfile;
  /** today's date (yyyy-MM-dd) for the driver's expiry check */
  today: () => string;
}

export class VirtualCardReader {
  readonly deviceId: string;
  readonly path: string;
  readonly profile: FrameProfile;
  /** the open mock port; `port.port` is the MockPortBinding (emitData, recording) */
  readonly port: SerialPortStream<typeof MockBinding>;
  /** the real driver reading the mock port */
  readonly reader: SerialCardReader;

  private constructor(deviceId: string, path: string, profile: FrameProfile, port: SerialPortStream<typeof MockBinding>, today: () => string) {
    this.deviceId = deviceId;
    this.path = path;
    this.profile = profile;
    this.port = port;
    this.reader = new SerialCardReader({ deviceId, port, profile, today });
  }

  static async open(opts: VirtualCardReaderOptions): Promise<VirtualCardReader> {
    const deviceId = opts.deviceId ?? 'virtual-card';
    const path = opts.path ?? `/dev/VIRTUAL-CARD-${process.pid}-${++portSeq}`;
    const profile = opts.profile ?? DEFAULT_FRAME_PROFILE;
    MockBinding.createPort(path, { echo: false, record: true });
    const port = new SerialPortStream({ binding: MockBinding, path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    return new VirtualCardReader(deviceId, path, profile, port, opts.today);
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  /** the binding of the open port (undefined after close) */
  get binding(): MockPortBinding | undefined {
    return this.port.port;
  }

  /** everything the driver wrote to the reader (read and beep commands) */
  get recording(): Buffer {
    return this.port.port?.recording ?? Buffer.alloc(0);
  }

  /** Present a card: `basicInfo` is the '|'-separated string (see basic-info.ts). False when the port is closed. */
  present(basicInfo: string): boolean {
    return this.injectRaw(encodeFrame(this.profile, iconv.encode(basicInfo, 'gbk')));
  }

  /** Push raw bytes as if the reader sent them (noise, split frames, bad checksums…). False when closed. */
  injectRaw(bytes: Uint8Array): boolean {
    const b = this.port.port;
    if (!b || !b.isOpen) return false;
    b.emitData(Buffer.from(bytes));
    return true;
  }

  async close(): Promise<void> {
    this.reader.detach();
    // a write still in flight fails with "Write canceled" on close; nobody needs to hear it
    this.port.on('error', () => undefined);
    if (!this.port.isOpen) return;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }
}
