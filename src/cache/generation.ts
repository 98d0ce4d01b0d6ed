/**
 * The generation of the response cache: a token that every cached answer is filled under
 * and found by. Any change that could alter a public answer moves it, so every answer
 * filled before is dead at once on this instance. Other instances learn of it through a
 * shared version: a row in the database that each checks at most every `checkEveryMs`,
 * or a Redis counter (INCR) announced over pub/sub, with the same periodic check behind
 * it in case a message is lost.
 *
 * A request takes the token when it starts and stores its answer only if the token is
 * still the same when it ends; writes move the token after they commit. So an answer
 * computed from data older than a change is never stored under a token taken after it.
 */

export interface SharedVersion {
  /** The current shared version. */
  read(): Promise<string>;
  /**
   * Moves the shared version from `known` (the last one this instance saw); resolves to the
   * new one, and whether another instance had moved it meanwhile (then this one missed a change).
   */
  bump(known: string | null): Promise<{ value: string; others: boolean }>;
}

export interface GenerationOptions {
  shared: SharedVersion;
  /** true: the token is the shared version itself (a store shared by every instance, Redis). */
  sharedStore: boolean;
  checkEveryMs: number;
  /** Called whenever the token moves (to drop a local store). */
  onMove: () => void;
  onError: (error: Error) => void;
  now?: () => number;
}

export interface Generation {
  /** The token to read and fill under, or null while it is not known (then the cache is not used). */
  token(): string | null;
  /** Reads the shared version if the last check is older than checkEveryMs. */
  fresh(): Promise<void>;
  /** Forces a check at once (a pub/sub message said the version moved). */
  check(): Promise<void>;
  /** A change was made on this instance; `localOnly` inside a transaction (the shared bump follows its commit). */
  bump(localOnly?: boolean): void;
}

export function createGeneration(options: GenerationOptions): Generation {
  const now = options.now ?? Date.now;
  let local = 0;
  let shared: string | null = null;
  let checkedAt = -Infinity;
  let checking: Promise<void> | null = null;
  let pendingBumps = 0;
  let owed = false;
  let again = false;

  const move = () => {
    local++;
    options.onMove();
  };

  function apply(value: string) {
    if (value !== shared) {
      // Without a shared store the first read only learns the version; with one the token is it.
      if (shared !== null || options.sharedStore) move();
      shared = value;
    }
  }

  /** One shared bump at a time; bumps asked for meanwhile fold into one more. */
  async function runBump() {
    if (pendingBumps > 0) {
      again = true;
      return;
    }
    pendingBumps++;
    try {
      do {
        again = false;
        const { value, others } = await options.shared.bump(shared);
        if (options.sharedStore || others) apply(value);
        // Only our own move: this instance moved when it asked for the bump, after the commit;
        // moving again would throw away answers computed since, which are fresh.
        else shared = value;
      } while (again);
      owed = false;
    } catch (error) {
      owed = true;
      options.onError(error as Error);
    } finally {
      pendingBumps--;
    }
  }

  async function check(): Promise<void> {
    checking ??= (async () => {
      try {
        if (owed) await runBump();
        else apply(await options.shared.read());
      } catch (error) {
        options.onError(error as Error);
      } finally {
        // Also after a failure: a database that is away is asked again in a second, not on every request.
        checkedAt = now();
        checking = null;
      }
    })();
    return checking;
  }

  return {
    token() {
      if (!options.sharedStore) return String(local);
      return shared === null || pendingBumps > 0 || owed ? null : shared;
    },
    async fresh() {
      if (now() - checkedAt >= options.checkEveryMs) await check();
    },
    check,
    bump(localOnly = false) {
      move();
      if (!localOnly) void runBump();
    },
  };
}
