/**
 * The devices' statuses as one list, and a 'status' event only when that list changed. Work that
 * changes several slots at once (opening or closing the virtual devices) can hold the event back
 * so that the status bar sees one change, not each step.
 */
import type { DeviceStatus } from '../shared/api.js';
import type { Slot } from './slots/slot.js';

export class StatusBoard {
  private lastJson = '';
  private holds = 0;

  constructor(
    private readonly slots: readonly Slot[],
    private readonly inUse: (deviceId: string) => boolean,
    private readonly emit: (statuses: DeviceStatus[]) => void,
  ) {}

  /** every device, selected or not, in slot order */
  all(): DeviceStatus[] {
    return this.slots.map((s) => s.status());
  }

  /** the devices in use: what the status bar shows */
  current(): DeviceStatus[] {
    return this.all().filter((d) => this.inUse(d.id));
  }

  changed(): void {
    if (this.holds > 0) return;
    const st = this.current();
    const json = JSON.stringify(st);
    if (json === this.lastJson) return;
    this.lastJson = json;
    this.emit(st);
  }

  /** Run `work` with the event held back; one event afterwards if anything changed. */
  async holding<T>(work: () => Promise<T>): Promise<T> {
    this.holds++;
    try {
      return await work();
    } finally {
      this.holds--;
      this.changed();
    }
  }
}
