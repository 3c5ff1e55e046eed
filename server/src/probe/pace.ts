// Per-host pacing: at least `intervalMs` between the starts of two requests to one host, however
// many probes (or apps, in a batch) want it. Hosts are the real endpoint hosts, not stand-ins.

export interface PaceClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PaceClock = { now: () => performance.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export class HostPacer {
  /** host → when its next request may start (clock ms). */
  private readonly next = new Map<string, number>();

  constructor(private readonly intervalMs: number, private readonly clock: PaceClock = realClock, private readonly maxHosts = 100_000) {}

  /** Resolves when a request to `host` may start; reserves that slot. */
  async wait(host: string): Promise<void> {
    if (this.intervalMs <= 0) return;
    const now = this.clock.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    if (this.next.size >= this.maxHosts) this.forgetPast(now);
    this.next.set(host, at + this.intervalMs);
    if (at > now) await this.clock.sleep(at - now);
  }

  private forgetPast(now: number): void {
    for (const [host, at] of this.next) if (at <= now) this.next.delete(host);
  }
}
