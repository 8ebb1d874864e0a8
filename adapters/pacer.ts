// Per-channel pacing (QUALITY.md: Slack takes about one message per second per channel). Sends to one
// channel run one at a time, each starting at least `intervalMs` after the previous one FINISHED, so
// their arrivals at Slack are more than a second apart whatever the event loop's or the network's
// jitter (a schedule of start times alone drifted under load). Different channels never wait for
// each other, and the outbox loop may deliver concurrently.

export interface PacerOptions {
  /** Gap between the end of one send to a channel and the start of the next (default 1,000 ms). */
  intervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export class Pacer {
  /** The last queued send per channel: the next one starts after it. */
  private readonly tail = new Map<string, Promise<void>>();
  /** The earliest start of the next send per channel. */
  private readonly free = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(opts: PacerOptions = {}) {
    this.intervalMs = opts.intervalMs ?? 1000;
    this.sleep = opts.sleep ?? ((ms) => new Promise((ok) => setTimeout(ok, ms)));
    this.now = opts.now ?? Date.now;
  }

  /**
   * Runs `send` when the channel is free, and keeps it busy for `intervalMs` after, unless `sent`
   * says the result sent nothing (the channel is then free at once; a throw always counts).
   */
  async run<T>(
    channel: string,
    send: () => Promise<T>,
    sent: (result: T) => boolean = () => true,
  ): Promise<T> {
    const before = this.tail.get(channel);
    let done = () => {};
    const mine = new Promise<void>((ok) => (done = ok));
    this.tail.set(channel, mine);
    if (before) await before;
    let used = true;
    try {
      const wait = (this.free.get(channel) ?? 0) - this.now();
      if (wait > 0) await this.sleep(wait);
      const result = await send();
      used = sent(result);
      return result;
    } finally {
      if (used) this.free.set(channel, Math.max(this.free.get(channel) ?? 0, this.now() + this.intervalMs));
      if (this.tail.get(channel) === mine) this.tail.delete(channel);
      this.forgetOld();
      done();
    }
  }

  /** Slack said wait (429 Retry-After): nothing more goes to this channel before then. */
  hold(channel: string, ms: number): void {
    this.free.set(channel, Math.max(this.now() + ms, this.free.get(channel) ?? 0));
  }

  /** Free times in the past carry no information: keep the map as small as the busy channels. */
  private forgetOld(): void {
    if (this.free.size < 1000) return;
    const now = this.now();
    for (const [c, t] of this.free) if (t <= now && !this.tail.has(c)) this.free.delete(c);
  }
}
