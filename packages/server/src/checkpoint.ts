// The per-session replay checkpoint: the last full batch plus every batch since, kept as the
// JSON text of each batch's events so a late agent's `reset` frame is built by concatenation,
// never by re-serialising the events.
import { MAX_FRAME_BYTES } from '@cobrowse-kit/sdk/protocol';

/** Room left in a frame for the envelope around the checkpoint's events. */
const ENVELOPE_ROOM = 1024;

/** The largest checkpoint that still fits in one frame the sdk accepts. */
export const CHECKPOINT_MAX_BYTES_LIMIT = MAX_FRAME_BYTES - ENVELOPE_ROOM;

/** Outcome of {@link Checkpoint.add}. */
export type CheckpointAddResult = 'stored' | 'skipped' | 'overflow';

export class Checkpoint {
  private parts: string[] = [];
  private events = 0;
  private chars = 0;
  /** True while there is no full batch to build on (start, or after an overflow). */
  awaitingFull = true;
  /** Characters of the last full batch; kept after an overflow (it says what a new one costs). */
  baseChars = 0;

  constructor(
    private readonly maxEvents: number,
    private readonly maxBytes: number,
  ) {}

  /**
   * Records a batch. `json` is `JSON.stringify(events)`. A full batch always becomes the new base,
   * even above the bound: refusing it would leave nothing to build on, and it already fit in one
   * inbound frame.
   */
  add(json: string, count: number, full: boolean): CheckpointAddResult {
    const inner = json.length > 2 ? json.slice(1, -1) : '';
    if (full) {
      this.parts = inner ? [inner] : [];
      this.events = count;
      this.chars = inner.length;
      this.baseChars = inner.length;
      this.awaitingFull = false;
      return 'stored';
    }
    if (this.awaitingFull) return 'skipped';
    if (!inner) return 'stored';
    const chars = this.chars + inner.length + 1;
    if (this.events + count > this.maxEvents || chars > this.maxBytes) {
      this.clear();
      return 'overflow';
    }
    this.parts.push(inner);
    this.events += count;
    this.chars = chars;
    return 'stored';
  }

  /** Drops everything until the next full batch. */
  clear(): void {
    this.parts = [];
    this.events = 0;
    this.chars = 0;
    this.awaitingFull = true;
  }

  /** Whether there is anything a joining agent could rebuild from. */
  get usable(): boolean {
    return !this.awaitingFull && this.parts.length > 0;
  }

  get size(): { events: number; bytes: number } {
    return { events: this.events, bytes: this.chars };
  }

  /** The JSON text of one array holding every checkpointed event. */
  toJson(): string {
    return `[${this.parts.join(',')}]`;
  }
}
