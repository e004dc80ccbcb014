import type { BrowserContext, Page, WebSocket } from '@playwright/test';
import { debug } from './debug';
import { HarnessError } from './errors';

/**
 * One WebSocket frame a page sent or received.
 *
 * @example
 * ```ts
 * const sent = wire.frames.filter((f: WireFrame) => f.direction === 'sent').length;
 * ```
 */
export interface WireFrame {
  /** The socket's URL. */
  url: string;
  direction: 'sent' | 'received';
  /** Text frames as they are; binary frames decoded as UTF-8 (what a leak would look like). */
  payload: string;
  /** Epoch ms when Playwright reported it. */
  at: number;
}

/**
 * Everything that crossed the WebSockets of a page (or of every page in a context).
 *
 * @example
 * ```ts
 * const wire = cobrowse.wire(page);
 * await page.goto('/');
 * // …
 * wire.expectNotOnWire('4242 4242 4242 4242');
 * ```
 */
export interface WireRecording {
  /** Frames so far, oldest first. */
  readonly frames: readonly WireFrame[];
  /** URLs of the sockets seen so far. */
  readonly sockets: readonly string[];
  /** Whether `text` occurs in any recorded frame (raw, or as it appears inside a JSON string). */
  contains(text: string): boolean;
  /**
   * Throws unless `text` never crossed the wire. Also throws when nothing was recorded at all,
   * since then the check proves nothing — pass `{ allowEmpty: true }` if that is intended.
   */
  expectNotOnWire(text: string, options?: { allowEmpty?: boolean }): void;
  /** Forgets the frames recorded so far (keeps recording). */
  clear(): void;
}

const recordings = new WeakMap<Page | BrowserContext, WireRecording>();

function isPage(target: Page | BrowserContext): target is Page {
  return typeof (target as Page).context === 'function';
}

// A masked value can reach the wire JSON-escaped (quotes, backslashes, non-ASCII as \uXXXX):
// search for those spellings too, or a leak of `"José"` would go unnoticed.
function spellings(text: string): string[] {
  const json = JSON.stringify(text).slice(1, -1);
  const ascii = json.replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return [...new Set([text, json, ascii])];
}

function preview(payload: string, index: number, length: number): string {
  const from = Math.max(0, index - 40);
  return `${from > 0 ? '…' : ''}${payload.slice(from, index + length + 40)}${index + length + 40 < payload.length ? '…' : ''}`;
}

/**
 * Records every WebSocket frame of a page — or of every page of a context, including popups
 * opened later — from now on. Start it before `page.goto()`, or frames sent during load are
 * missed. Idempotent: recording the same target twice returns the same recording.
 *
 * @example
 * ```ts
 * const wire = recordWire(page);
 * await page.goto('/checkout');
 * await page.getByLabel('Card number').fill('4242 4242 4242 4242');
 * wire.expectNotOnWire('4242 4242 4242 4242');
 * ```
 */
export function recordWire(target: Page | BrowserContext): WireRecording {
  const existing = recordings.get(target);
  if (existing) return existing;
  const frames: WireFrame[] = [];
  const sockets: string[] = [];
  const onSocket = (ws: WebSocket) => {
    const url = ws.url();
    sockets.push(url);
    debug('wire', `socket opened ${url}`);
    const push = (direction: WireFrame['direction']) => (data: { payload: string | Buffer }) => {
      const payload =
        typeof data.payload === 'string' ? data.payload : data.payload.toString('utf8');
      frames.push({ url, direction, payload, at: Date.now() });
    };
    ws.on('framesent', push('sent'));
    ws.on('framereceived', push('received'));
  };
  if (isPage(target)) {
    target.on('websocket', onSocket);
  } else {
    for (const page of target.pages()) page.on('websocket', onSocket);
    target.on('page', (page) => page.on('websocket', onSocket));
  }

  const recording: WireRecording = {
    frames,
    sockets,
    contains(text) {
      const forms = spellings(text);
      return frames.some((f) => forms.some((s) => f.payload.includes(s)));
    },
    expectNotOnWire(text, options = {}) {
      if (!text) {
        throw new HarnessError(
          'SECRET_ON_WIRE',
          'expectNotOnWire needs a non-empty string to look for.',
        );
      }
      if (frames.length === 0 && !options.allowEmpty) {
        throw new HarnessError(
          'WIRE_EMPTY',
          `No WebSocket frames were recorded (${sockets.length} socket(s) seen), so "not on the wire" would prove nothing. Record before page.goto() and assert after the session has sent data; pass { allowEmpty: true } if an empty wire is expected.`,
        );
      }
      const forms = spellings(text);
      for (const f of frames) {
        for (const s of forms) {
          const i = f.payload.indexOf(s);
          if (i >= 0) {
            throw new HarnessError(
              'SECRET_ON_WIRE',
              `The string crossed the wire (${f.direction} on ${f.url}): ${preview(f.payload, i, s.length)} — mask the field that holds it (piiMask maskCssSelectors) before capture.`,
              { details: { url: f.url, direction: f.direction } },
            );
          }
        }
      }
      debug(
        'wire',
        `not on the wire: ${text.length} chars checked against ${frames.length} frames`,
      );
    },
    clear() {
      frames.length = 0;
    },
  };
  recordings.set(target, recording);
  return recording;
}

/**
 * The recording started for `target` by {@link recordWire}, if any.
 *
 * @example
 * ```ts
 * getWireRecording(page)?.frames.length;
 * ```
 */
export function getWireRecording(target: Page | BrowserContext): WireRecording | undefined {
  return recordings.get(target) ?? (isPage(target) ? recordings.get(target.context()) : undefined);
}

/**
 * Asserts that `text` never crossed any WebSocket frame of `target` — the proof that masking
 * works. The page (or its context) must have been recorded with {@link recordWire} before it
 * navigated; the `customer()` and `agent()` page objects do that for you.
 *
 * @throws HarnessError `SECRET_ON_WIRE`, `WIRE_EMPTY` or `WIRE_NOT_RECORDING`.
 * @example
 * ```ts
 * expectNotOnWire(page, '4242 4242 4242 4242');
 * ```
 */
export function expectNotOnWire(
  target: Page | BrowserContext,
  text: string,
  options?: { allowEmpty?: boolean },
): void {
  const recording = getWireRecording(target);
  if (!recording) {
    throw new HarnessError(
      'WIRE_NOT_RECORDING',
      'Nothing recorded this page. Call recordWire(page) (or cobrowse.wire(page) / cobrowse.customer(page)) before page.goto().',
    );
  }
  recording.expectNotOnWire(text, options);
}
