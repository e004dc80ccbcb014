/**
 * The first-party recovery record (docs/engine.md, "Recovery"): `{ sessionId, resumeToken, pin,
 * expiresAt, tab }` in `sessionStorage`, so a reload in the same tab can resume inside the relay's
 * grace window. Zoom's recovery needs third-party cookies; this needs nothing but the page's own
 * origin.
 *
 * Scoped to the tab: a window opened with `window.open` (or a link with an opener) starts with a
 * COPY of its opener's `sessionStorage`, and resuming that copy would take the session over from
 * the original tab. So each record carries a per-tab id that also lives in `window.name` (kept
 * across reloads and same-tab navigations, never copied into a new window); a record whose id is
 * not this window's belongs to another tab and is ignored, not deleted.
 */

/** What is stored. */
export interface RecoveryRecord {
  sessionId: string;
  resumeToken: string;
  pin: string;
  /** Epoch ms after which the relay has dropped the session. */
  expiresAt: number;
  /** The id of the tab that owns the record (see {@link windowTab}); added by the store. */
  tab?: string;
}

/** This window's tab id: read, created on demand, dropped when no record needs it any more. */
export interface TabScope {
  /** The id, if this window has one. */
  id(): string | undefined;
  /** The id, creating it first if needed. */
  claim(): string;
  /** Forgets the id (the window's name goes back to the integrator's value). */
  release(): void;
}

/** Our marker at the end of `window.name`; whatever comes before it is the integrator's name. */
const TAB_MARK = /\[cbk-tab:(\w+)\]$/;

/** Where the tab id lives outside a browser (a plain object: one "tab" per process). */
const noWindow = { name: '' };

/**
 * The tab scope kept in `win.name` (default: this window). An integrator's own window name is
 * kept: the marker `[cbk-tab:ID]` is appended to it, and removed again by `release()`.
 *
 * @example
 * ```ts
 * createRecoveryStore(sessionStorage, RECOVERY_KEYS.customer, windowTab());
 * ```
 */
export function windowTab(
  win: { name: string } = typeof window === 'undefined' ? noWindow : window,
): TabScope {
  const name = (): string => {
    try {
      return typeof win.name === 'string' ? win.name : '';
    } catch {
      return '';
    }
  };
  const set = (value: string) => {
    try {
      win.name = value;
    } catch {}
  };
  const id = () => TAB_MARK.exec(name())?.[1];
  return {
    id,
    claim() {
      const have = id();
      if (have) return have;
      const fresh = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
      set(`${name()}[cbk-tab:${fresh}]`);
      return id() ?? fresh;
    },
    release() {
      if (id()) set(name().replace(TAB_MARK, ''));
    },
  };
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
    (r.tab === undefined || typeof r.tab === 'string') &&
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
 * Creates a {@link RecoveryStore} over `storage` (no storage: a store that remembers nothing),
 * scoped to `tab`: only a record saved by this tab is loaded, touched or cleared.
 *
 * @example
 * ```ts
 * const store = createRecoveryStore(sessionStorage, RECOVERY_KEYS.customer);
 * const rec = store.load();
 * if (rec) resume(rec.sessionId, rec.resumeToken);
 * ```
 */
export function createRecoveryStore(
  storage: Storage | undefined,
  key: string,
  tab: TabScope = windowTab(),
): RecoveryStore {
  const read = (k = key): RecoveryRecord | null | undefined => {
    try {
      const raw = storage?.getItem(k);
      if (!raw) return undefined;
      const parsed: unknown = JSON.parse(raw);
      // null: something is stored, but not a record.
      return isRecord(parsed) ? parsed : null;
    } catch {
      return null;
    }
  };
  /** This tab's record under `k`, if any (a copy inherited from an opener is someone else's). */
  const mine = (k = key) => {
    const r = read(k);
    const id = tab.id();
    return r && id && r.tab === id ? r : undefined;
  };
  const write = (record: RecoveryRecord) => {
    try {
      storage?.setItem(key, JSON.stringify({ ...record, tab: tab.claim() }));
    } catch {
      // Quota or disabled storage: recovery is a convenience, the session goes on without it.
    }
  };
  const remove = () => {
    try {
      storage?.removeItem(key);
    } catch {}
    // The integrator's window.name comes back once no role of this tab needs the id.
    if (!Object.values(RECOVERY_KEYS).some((k) => mine(k))) tab.release();
  };
  return {
    load(now = Date.now()) {
      const r = read();
      if (r === null || (r && r.expiresAt <= now)) {
        // A malformed or expired record can never be used; drop it so it cannot confuse later reads.
        remove();
        return undefined;
      }
      return mine();
    },
    save: write,
    touch(graceMs, now = Date.now()) {
      const r = mine();
      if (r) write({ ...r, expiresAt: now + graceMs });
    },
    clear() {
      // Another tab's record (a copy) is left alone; only ours is removed.
      if (read() && !mine()) return;
      remove();
    },
  };
}
