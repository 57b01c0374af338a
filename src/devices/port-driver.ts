/**
 * What every driver over an open byte port shares (serial card reader, serial QR scanner, HID card
 * reader through HidReportStream): bytes go to the subclass's framing, a port error is a device
 * error, a closed port forgets a half-received frame and emits 'close', and `detach()` leaves the
 * port to its owner without listeners.
 */
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { emitDeviceError, listen, messageOf, type DeviceError } from './events.js';

export interface PortDriverEvents {
  error: [DeviceError];
  /** the port closed (unplugged or closed by us) */
  close: [];
}

export abstract class PortDriver<E extends PortDriverEvents & Record<keyof E, any[]>> extends EventEmitter<E> {
  readonly deviceId: string;
  protected readonly port: Duplex;
  protected detached = false;
  private readonly unlisten: () => void;
  private readonly onData = (chunk: unknown): void => {
    if (!this.detached && chunk instanceof Uint8Array) this.receive(chunk);
  };
  private readonly onPortError = (e: unknown): void => this.fail(`port: ${messageOf(e)}`);
  private readonly onPortClose = (): void => {
    this.resetFraming();
    (this as EventEmitter<PortDriverEvents>).emit('close');
  };

  constructor(deviceId: string, port: Duplex) {
    super();
    this.deviceId = deviceId;
    this.port = port;
    this.unlisten = listen(this.port, { data: this.onData, error: this.onPortError, close: this.onPortClose });
  }

  /** Stop listening to the port (the port itself is left to its owner). */
  detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.unlisten();
    this.resetFraming();
  }

  /** bytes from the port, synchronously (no stream hop between the port and the event) */
  protected abstract receive(chunk: Uint8Array): void;

  /** forget a partly received frame or line */
  protected abstract resetFraming(): void;

  protected fail(reason: string): void {
    emitDeviceError(this, { deviceId: this.deviceId, reason });
  }
}
