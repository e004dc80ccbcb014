/**
 * Groups recorded events into `events` frames: one frame per ~16 ms (a frame's worth of DOM
 * changes), a new frame whenever a full snapshot starts (so that frame is `full: true`), and
 * batches too big for one frame split under the relay's limit.
 */
import type { WireEvent } from '../protocol/index';
import { EventKind, startsFullSnapshot } from '../mirror/types';
import { exceedsBytes } from './link';

/** A batch ready to send. */
export interface Batch {
  events: WireEvent[];
  full: boolean;
}

/** Options of {@link createBatcher}. */
export interface BatcherOptions {
  /** Sends one batch; returns `'too_large'` when it does not fit in one frame. */
  send(batch: Batch): 'sent' | 'not_connected' | 'too_large';
  /**
   * How long to collect events before sending. Default 0: flush when the current task ends, so
   * one task's mutations travel together without adding a frame of delay (the latency benchmark
   * measured ~8 ms of median edit→agent latency from a 16 ms window).
   */
  intervalMs?: number;
  /** Largest frame in bytes, for splitting. */
  maxFrameBytes: number;
  /** One event is larger than a frame on its own and was dropped. */
  onOversize?(event: WireEvent, bytes: number): void;
  /**
   * Whether the connection is backed up. Checked once per batch (never between the parts of a
   * split one): a batch flushed while congested is dropped and {@link onDropped} is called.
   */
  congested?(): boolean;
  /** A batch was dropped because of congestion (a fresh full snapshot must follow). */
  onDropped?(): void;
}

/** Collects events and flushes them as batches. */
export interface Batcher {
  push(event: WireEvent): void;
  /** Sends what is pending now. */
  flush(): void;
  /** Drops what is pending (e.g. while reconnecting: a full snapshot follows the resume). */
  clear(): void;
  /** Whether the batch not yet sent starts a full snapshot (a snapshot request is already met). */
  pendingFull(): boolean;
}

/** Room for the envelope around the events (`{"v":1,"seq":…,"t":"events","full":true,"events":[…]}`). */
const ENVELOPE_BYTES = 128;

/**
 * Splits a batch into batches whose JSON fits in `maxBytes`, keeping order; only the first keeps
 * `full`. An event that cannot fit on its own is reported and left out: the relay would refuse the
 * frame anyway, and everything after it still goes through.
 *
 * @example
 * ```ts
 * splitBatch({ events, full: true }, 8 * 1024 * 1024).forEach((b) => link.send({ t: 'events', ...b }));
 * ```
 */
export function splitBatch(
  batch: Batch,
  maxBytes: number,
  onOversize?: (event: WireEvent, bytes: number) => void,
): Batch[] {
  const budget = maxBytes - ENVELOPE_BYTES;
  const out: Batch[] = [];
  let current: WireEvent[] = [];
  let size = 0;
  const push = () => {
    if (current.length) out.push({ events: current, full: batch.full && out.length === 0 });
    current = [];
    size = 0;
  };
  for (const e of batch.events) {
    const json = JSON.stringify(e);
    // +1 for the comma between events.
    const bytes = exceedsBytes(json, budget) ? budget + 1 : new TextEncoder().encode(json).length;
    if (bytes > budget) {
      onOversize?.(e, bytes);
      continue;
    }
    if (size + bytes + 1 > budget) push();
    current.push(e);
    size += bytes + 1;
  }
  push();
  return out;
}

/**
 * Creates a {@link Batcher}.
 *
 * @example
 * ```ts
 * const b = createBatcher({ send: (batch) => link.send({ t: 'events', ...batch }), maxFrameBytes });
 * recorder = createRecorder({ emit: (e) => b.push(e) });
 * ```
 */
export function createBatcher(options: BatcherOptions): Batcher {
  const interval = options.intervalMs ?? 0;
  let pending: WireEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!pending.length) return;
    const batch: Batch = { events: pending, full: startsFullSnapshot(pending) };
    pending = [];
    if (options.congested?.()) return options.onDropped?.();
    if (options.send(batch) === 'too_large') {
      for (const part of splitBatch(batch, options.maxFrameBytes, options.onOversize)) {
        options.send(part);
      }
    }
  };

  return {
    push(event) {
      // A Meta event opens a full snapshot: close the running batch so this one starts with it.
      if (event.type === EventKind.Meta) flush();
      pending.push(event);
      // A timer rather than requestAnimationFrame: rAF stops in background tabs, and the agent
      // must keep seeing a customer who switched tabs.
      timer ??= setTimeout(flush, interval);
    },
    flush,
    clear() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = [];
    },
    pendingFull: () => startsFullSnapshot(pending),
  };
}
