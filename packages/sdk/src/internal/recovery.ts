/**
 * The first-party recovery record (docs/engine.md, "Recovery"): `{ sessionId, resumeToken, pin,
 * expiresAt }` in `sessionStorage`, so a reload in the same tab can resume inside the relay's
 * grace window. Zoom's recovery needs third-party cookies; this needs nothing but the page's own
 * origin.
 */

/** What is stored. */
export interface RecoveryRecord {
  sessionId: string;
  resumeToken: string;
  pin: string;
  /** Epoch ms after which the relay has dropped the session. */
  expiresAt: number;
}

/** Reads, writes and clears one record. Never throws: storage can be disabled or full. */
export interface RecoveryStore {
  /** The stored record if it is well-formed and unexpired at `now`; a stale one is removed. */
  load(now?: number): RecoveryRecord | undefined;
  save(record: RecoveryRecord): void;
  /** Moves `expiresAt` to `now + graceMs` (the relay's window restarts when the socket drops). */
  touch(graceMs: number, now?: number): void;
  clear(): void;
}

/**
 * The storage keys for each role.
 *
 * @example
 * ```ts
 * sessionStorage.getItem(RECOVERY_KEYS.customer);
 * ```
 */
export const RECOVERY_KEYS = {
  customer: 'cobrowse-kit:customer-session',
  agent: 'cobrowse-kit:agent-session',
} as const;

const isRecord = (x: unknown): x is RecoveryRecord => {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return (
    typeof r.sessionId === 'string' &&
    r.sessionId.length > 0 &&
    typeof r.resumeToken === 'string' &&
    r.resumeToken.length > 0 &&
    typeof r.pin === 'string' &&
    typeof r.expiresAt === 'number' &&
    Number.isFinite(r.expiresAt)
  );
};

/**
 * The page's `sessionStorage`, or undefined where reading it throws (sandboxed iframes, privacy modes).
 *
 * @example
 * ```ts
 * createRecoveryStore(defaultStorage(), RECOVERY_KEYS.agent);
 * ```
 */
export function defaultStorage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * Creates a {@link RecoveryStore} over `storage` (no storage: a store that remembers nothing).
 *
 * @example
 * ```ts
 * const store = createRecoveryStore(sessionStorage, RECOVERY_KEYS.customer);
 * const rec = store.load();
 * if (rec) resume(rec.sessionId, rec.resumeToken);
 * ```
 */
export function createRecoveryStore(storage: Storage | undefined, key: string): RecoveryStore {
  const read = (): RecoveryRecord | undefined => {
    try {
      const raw = storage?.getItem(key);
      if (!raw) return undefined;
      const parsed: unknown = JSON.parse(raw);
      return isRecord(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  };
  const write = (record: RecoveryRecord) => {
    try {
      storage?.setItem(key, JSON.stringify(record));
    } catch {
      // Quota or disabled storage: recovery is a convenience, the session goes on without it.
    }
  };
  const clear = () => {
    try {
      storage?.removeItem(key);
    } catch {}
  };
  return {
    load(now = Date.now()) {
      const r = read();
      if (!r || r.expiresAt <= now) {
        // A malformed or expired record can never be used; drop it so it cannot confuse later reads.
        if (storage) clear();
        return undefined;
      }
      return r;
    },
    save: write,
    touch(graceMs, now = Date.now()) {
      const r = read();
      if (r) write({ ...r, expiresAt: now + graceMs });
    },
    clear,
  };
}
