/**
 * The storage seam of the relay: the PIN registry, session records and viewer tickets. Every
 * method is async so a networked store (Redis, planned) can implement the same interface without
 * changing the relay. Live sockets and the event checkpoint never go through the store: they
 * stay in the process that holds the customer's connection.
 *
 * @example
 * ```ts
 * import { createCobrowseServer, createMemoryStore } from '@cobrowse-kit/server';
 * const server = await createCobrowseServer({ sdkKey, sdkSecret, store: createMemoryStore() });
 * ```
 * @module
 */

/**
 * What the store keeps about a live session (enough to answer a PIN lookup or a resume).
 *
 * @example
 * ```ts
 * const record = await store.getSession(sessionId);
 * console.log(record?.pin, record?.customer.userName);
 * ```
 */
export interface SessionRecord {
  sessionId: string;
  /** The SDK key (`app_key`) the session was started with; PINs are unique per key. */
  sdkKey: string;
  /** The normalized (uppercase) PIN. */
  pin: string;
  /** Epoch ms. */
  createdAt: number;
  /** The customer's identity from their token. */
  customer: { userId: string; userName: string };
}

/**
 * A viewer ticket: an opaque, short-lived credential that stands in for an agent JWT.
 *
 * @example
 * ```ts
 * const t = await store.getTicket('cbk_vt_…');
 * if (t && t.expiresAt > Date.now()) console.log(`${t.userName} may view PIN ${t.pin}`);
 * ```
 */
export interface ViewerTicketRecord {
  sessionId: string;
  sdkKey: string;
  pin: string;
  /** The agent identity from the token that asked for the viewer URL. */
  userId: string;
  userName: string;
  /** Origin of the page embedding or opening the viewer, when it told us. */
  hostOrigin?: string;
  /** Epoch ms after which the ticket is refused. */
  expiresAt: number;
}

/**
 * Persistence for the relay. Implementations must make {@link SessionStore.reservePin} atomic
 * (two concurrent reservations of one PIN: exactly one wins), since that is what keeps a live PIN
 * unique per SDK key across processes.
 *
 * @example
 * ```ts
 * const store: SessionStore = createMemoryStore();
 * if (await store.reservePin('KEY', 'AB12', 'sess-1')) console.log('AB12 is ours');
 * ```
 */
export interface SessionStore {
  /** Claims `pin` under `sdkKey` for `sessionId`. Resolves `false` when another session holds it. */
  reservePin(sdkKey: string, pin: string, sessionId: string): Promise<boolean>;
  /** The session holding `pin` under `sdkKey`, if any. */
  lookupPin(sdkKey: string, pin: string): Promise<string | undefined>;
  /** Frees `pin`, but only if `sessionId` still holds it (a late release never frees a reuse). */
  releasePin(sdkKey: string, pin: string, sessionId: string): Promise<void>;
  /** Creates or replaces a session record. */
  putSession(record: SessionRecord): Promise<void>;
  getSession(sessionId: string): Promise<SessionRecord | undefined>;
  deleteSession(sessionId: string): Promise<void>;
  /** Number of live sessions (for `/healthz`). */
  countSessions(): Promise<number>;
  /** Stores a viewer ticket until `record.expiresAt`. */
  putTicket(ticket: string, record: ViewerTicketRecord): Promise<void>;
  /** The ticket's record, or `undefined` when unknown or expired. */
  getTicket(ticket: string): Promise<ViewerTicketRecord | undefined>;
  /** Releases connections and timers. */
  close?(): Promise<void>;
}

/**
 * The default store: plain maps in this process. Right for one relay process; use a shared store
 * when several processes must see each other's PINs.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.reservePin('KEY', '123456', 'sess-1'); // true
 * await store.reservePin('KEY', '123456', 'sess-2'); // false
 * ```
 */
export function createMemoryStore(): SessionStore {
  const pins = new Map<string, string>();
  const sessions = new Map<string, SessionRecord>();
  const tickets = new Map<string, ViewerTicketRecord>();
  // NUL cannot occur in an SDK key or a PIN, so the pair cannot collide.
  const pinKey = (sdkKey: string, pin: string) => `${sdkKey}\u0000${pin}`;
  const sweepTickets = (now: number) => {
    for (const [t, r] of tickets) if (r.expiresAt <= now) tickets.delete(t);
  };

  return {
    async reservePin(sdkKey, pin, sessionId) {
      const k = pinKey(sdkKey, pin);
      const holder = pins.get(k);
      if (holder !== undefined && holder !== sessionId) return false;
      pins.set(k, sessionId);
      return true;
    },
    async lookupPin(sdkKey, pin) {
      return pins.get(pinKey(sdkKey, pin));
    },
    async releasePin(sdkKey, pin, sessionId) {
      const k = pinKey(sdkKey, pin);
      if (pins.get(k) === sessionId) pins.delete(k);
    },
    async putSession(record) {
      sessions.set(record.sessionId, { ...record });
    },
    async getSession(sessionId) {
      const r = sessions.get(sessionId);
      return r && { ...r };
    },
    async deleteSession(sessionId) {
      sessions.delete(sessionId);
    },
    async countSessions() {
      return sessions.size;
    },
    async putTicket(ticket, record) {
      // Sweeping on write keeps the map bounded by the tickets of the last TTL window.
      sweepTickets(Date.now());
      tickets.set(ticket, { ...record });
    },
    async getTicket(ticket) {
      const r = tickets.get(ticket);
      if (!r) return undefined;
      if (r.expiresAt <= Date.now()) {
        tickets.delete(ticket);
        return undefined;
      }
      return { ...r };
    },
    async close() {
      pins.clear();
      sessions.clear();
      tickets.clear();
    },
  };
}
