/**
 * Hot-plug: passes over the slots that look for their device, one now and then every `pollMs`.
 * A connected slot's tick returns at once and the lists are fetched only when a slot asks, so a
 * fully connected terminal enumerates nothing.
 */
import type { Enumeration } from './enumeration.js';
import { messageOf } from './events.js';
import type { Slot } from './slots/slot.js';

export class HotPlug {
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(
    private readonly slots: readonly Slot[],
    private readonly enumeration: Enumeration,
    private readonly pollMs: number,
    private readonly warn: (msg: string, meta?: Record<string, unknown>) => void,
  ) {}

  /** A first pass, then the timer; nothing at all without slots to look for. */
  async start(): Promise<void> {
    if (this.slots.length === 0) return;
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass now; a pass still running makes this a no-op. */
  async poll(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const ctx = this.enumeration.pass();
      await Promise.all(this.slots.map((s) => s.tick(ctx).catch((e) => this.warn('device poll failed', { deviceId: s.id, reason: messageOf(e) }))));
    } finally {
      this.ticking = false;
    }
  }
}
