/** At most one request at a time per host: a second request to the same host waits for the first. */
export class HostQueue {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const key = host.toLowerCase();
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Hosts with a request running or waiting. */
  get busyHosts(): number {
    return this.tails.size;
  }
}
