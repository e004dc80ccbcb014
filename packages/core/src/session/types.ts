import type { CobrowseError } from '../errors';
import type {
  ZoomAgentSettings,
  ZoomCobrowseAgentSDK,
  ZoomCobrowseCustomerSDK,
  ZoomCustomerSettings,
} from '../zoom-types';

/**
 * Customer session status. The happy path is
 * `idle → loading → ready → starting → waiting → in_session → ended`; `error` after a failure
 * (call `start` again), `recoverable` after a reload inside the grace window (call `resume`).
 */
export type CustomerStatus =
  | 'idle'
  | 'loading'
  | 'ready'
  | 'starting'
  | 'waiting'
  | 'in_session'
  | 'ended'
  | 'error'
  | 'recoverable';

/** Agent session status. */
export type AgentStatus =
  | 'idle'
  | 'loading'
  | 'ready'
  | 'joining'
  | 'in_session'
  | 'left'
  | 'ended'
  | 'error';

/** An agent present in the customer's session. */
export interface AgentPresence {
  userId: string;
  userName: string;
}

/** The customer store's snapshot: frozen, and the same object until something changes. */
export interface CustomerSnapshot {
  readonly status: CustomerStatus;
  /** The PIN to show the customer. Only ever set from `pincode_updated`. */
  readonly pin: string | null;
  readonly agents: readonly AgentPresence[];
  readonly error: CobrowseError | null;
}

/** The agent store's snapshot. */
export interface AgentSnapshot {
  readonly status: AgentStatus;
  readonly pin: string | null;
  readonly viewerUrl: string | null;
  readonly error: CobrowseError | null;
}

/** A token, or an async function that fetches one (called once per start/join). */
export type TokenSource = string | (() => string | Promise<string>);

/** Where the SDK comes from: an object (npm import, or Zoom's global) or the CDN loader. */
export type SdkSource<T> =
  | { sdk: T | (() => T | Promise<T>) }
  | { sdkKey: string; version: string; baseUrl?: string; nonce?: string; timeoutMs?: number };

/** Options for {@link createCustomerSession}. */
export type CustomerSessionOptions = SdkSource<ZoomCobrowseCustomerSDK> & {
  settings?: ZoomCustomerSettings;
};

/** Options for {@link createAgentSession}. */
export type AgentSessionOptions = SdkSource<ZoomCobrowseAgentSDK> & {
  settings?: Omit<ZoomAgentSettings, 'zoomAppRoot'>;
};

/** The store contract every adapter binds to (React's `useSyncExternalStore` shape). */
export interface Store<S> {
  /** Adds a listener; returns the unsubscribe function. Never calls the listener immediately. */
  subscribe(listener: () => void): () => void;
  /** The current frozen snapshot; the same reference until something changes. */
  getSnapshot(): S;
  /** The snapshot to render on the server: always the idle state. */
  getServerSnapshot(): S;
}

/** The customer session runtime. */
export interface CustomerSession extends Store<CustomerSnapshot> {
  /** Validates and normalizes the PIN, loads the SDK if needed, starts the session. */
  start(options: { pin?: string; token: TokenSource }): Promise<void>;
  /** Ends the session. */
  end(): Promise<void>;
  /** Resumes a `recoverable` session after a reload. */
  resume(): Promise<void>;
  /** Loads and initialises the SDK early (e.g. on hover over "Get help"); `start` does it anyway. */
  preload(): Promise<void>;
  /** Releases listeners and the SDK session; the store stays at its last snapshot. */
  dispose(): void;
}

/** The agent session runtime. */
export interface AgentSession extends Store<AgentSnapshot> {
  /** Joins by PIN and renders the live view into `mount`. */
  join(options: { pin: string; token: TokenSource; mount: HTMLElement }): Promise<void>;
  /** Creates a viewer URL to load in an iframe or popup. */
  createViewerUrl(options: { pin: string; token: TokenSource }): Promise<string>;
  /** Leaves the session (the customer's session goes on). */
  leave(): Promise<void>;
  preload(): Promise<void>;
  dispose(): void;
}
