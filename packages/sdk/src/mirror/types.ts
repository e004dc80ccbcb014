import type { ZoomPiiMaskSettings } from '@cobrowse-kit/core';
import type { WireEvent } from '../protocol/index';

/** Options of {@link createRecorder}. */
export interface RecorderOptions {
  /** Receives every recorded event, already masked. */
  emit(event: WireEvent): void;
  /** Zoom's `piiMask` settings (plus cobrowse-kit's `privateByDefault` extensions). */
  piiMask?: ZoomPiiMaskSettings | undefined;
  /** An error inside the recorder's observers; the customer's page keeps working. */
  onError?(error: unknown): void;
}

/** A running DOM recorder. */
export interface Recorder {
  /** Stops observing the page. Idempotent. */
  stop(): void;
  /** Emits a fresh Meta + FullSnapshot pair (the next batch is a full one). */
  takeFullSnapshot(): void;
}

/** Creates a {@link Recorder}; the customer session takes one so tests can fake rrweb. */
export type RecorderFactory = (options: RecorderOptions) => Recorder;

/** Options of {@link Mirror.apply}. */
export interface ApplyOptions {
  /** Discard the current view: `events` start with a full snapshot. */
  reset?: boolean;
}

/** A live view of the customer's page inside an agent's mount point. */
export interface Mirror {
  /** Applies events in order; with `reset` (or a batch that starts with a full snapshot) rebuilds. */
  apply(events: WireEvent[], options?: ApplyOptions): void;
  /** Removes the view and stops observing the mount. Idempotent. */
  destroy(): void;
}

/** Creates a {@link Mirror}; the agent session takes one so tests can fake rrweb. */
export type MirrorFactory = (mount: HTMLElement) => Mirror;

/**
 * rrweb's event types the sdk needs to recognise (kept numeric: no runtime rrweb import).
 *
 * @example
 * ```ts
 * if (event.type === EventKind.Meta) batcher.flush();
 * ```
 */
export const EventKind = {
  FullSnapshot: 2,
  IncrementalSnapshot: 3,
  Meta: 4,
} as const;

/**
 * Whether a batch starts a full snapshot: a Meta event first, followed by a FullSnapshot.
 *
 * @example
 * ```ts
 * startsFullSnapshot([{ type: 4, ... }, { type: 2, ... }]); // true
 * ```
 */
export function startsFullSnapshot(events: readonly WireEvent[]): boolean {
  return (
    events[0]?.type === EventKind.Meta && events.some((e) => e.type === EventKind.FullSnapshot)
  );
}
