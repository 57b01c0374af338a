/**
 * Serial card reader driver: an already-open duplex port (SerialPort, or SerialPortStream over
 * @serialport/binding-mock) -> frame parser -> basic-info decoder -> 'identity' | 'error'.
 * Writes the profile's read command on request and its beep command after a good read.
 */
import type { Duplex } from 'node:stream';
import type { Identity } from '../../shared/domain.js';
import { DEFAULT_FRAME_PROFILE, hexToBytes, type FrameProfile } from '../config.js';
import { emitDeviceError, messageOf, type DeviceError } from '../events.js';
import { PortDriver } from '../port-driver.js';
import { decodeBasicInfo } from './basic-info.js';
import { CardFrameParser, type FrameEvent } from './frame-parser.js';

export interface CardReaderEvents {
  identity: [Identity];
  error: [DeviceError];
  /** the port closed (unplugged or closed by us) */
  close: [];
}

export interface SerialCardReaderOptions {
  deviceId: string;
  /** an open (or opening) duplex byte stream */
  port: Duplex;
  profile?: FrameProfile;
  /** today's date (yyyy-MM-dd) for the expiry check */
  today: () => string;
}

export class SerialCardReader extends PortDriver<CardReaderEvents> {
  readonly parser: CardFrameParser;
  readonly profile: FrameProfile;
  private readonly today: () => string;
  private readonly onFrameEvent = (ev: FrameEvent): void => this.onFrame(ev);

  constructor(opts: SerialCardReaderOptions) {
    super(opts.deviceId, opts.port);
    this.profile = opts.profile ?? DEFAULT_FRAME_PROFILE;
    this.today = opts.today;
    this.parser = new CardFrameParser(this.profile);
    // the parser is fed directly (feed); should anyone also pipe into it, its stream error must not crash the process
    this.parser.on('error', (e) => this.fail(`parser: ${messageOf(e)}`));
  }

  /** Ask the reader for the card's basic info. Resolves false when the write failed (reported as 'error'). */
  requestRead(): Promise<boolean> {
    return this.send(hexToBytes(this.profile.readCommand), 'read command');
  }

  protected receive(chunk: Uint8Array): void {
    this.parser.feed(chunk, this.onFrameEvent);
  }

  protected resetFraming(): void {
    this.parser.reset();
  }

  private onFrame(ev: FrameEvent): void {
    if (ev.type === 'error') {
      this.fail(ev.reason);
      return;
    }
    let today: string;
    try {
      today = this.today();
    } catch (e) {
      this.fail(`today(): ${messageOf(e)}`);
      return;
    }
    const res = decodeBasicInfo(ev.payload, { today, deviceId: this.deviceId });
    if (!res.ok) {
      emitDeviceError(this, { deviceId: this.deviceId, reason: `${res.field}: ${res.reason}`, field: res.field });
      return;
    }
    void this.send(hexToBytes(this.profile.beepCommand), 'beep command');
    this.emit('identity', res.identity);
  }

  private send(bytes: Buffer, what: string): Promise<boolean> {
    if (bytes.length === 0 || this.detached) return Promise.resolve(false);
    return new Promise((resolve) => {
      try {
        // a SerialPortStream queues writes while closed; report instead of waiting forever
        const sp = this.port as Duplex & { isOpen?: boolean; opening?: boolean };
        if (this.port.destroyed || this.port.writableEnded || (sp.isOpen === false && sp.opening !== true)) {
          this.fail(`${what}: port is closed`);
          resolve(false);
          return;
        }
        this.port.write(bytes, (err) => {
          if (err) this.fail(`${what}: ${messageOf(err)}`);
          resolve(!err);
        });
      } catch (e) {
        this.fail(`${what}: ${messageOf(e)}`);
        resolve(false);
      }
    });
  }
}
