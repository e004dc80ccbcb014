/**
 * The agent-side half of the mirror: `@rrweb/replay`'s `Replayer` in live mode, inside rrweb's
 * sandboxed iframe (no `allow-scripts`: a hostile or buggy customer page never runs in the agent's
 * page), scaled to fit the mount point, showing the customer's cursor and scroll.
 */
import type { eventWithTime } from '@rrweb/types';
import { Replayer } from '@rrweb/replay';
import type { WireEvent } from '../protocol/index';
import { REPLAYER_CSS } from './replayer-css';
import { type ApplyOptions, EventKind, type Mirror, startsFullSnapshot } from './types';

const STYLE_ID = 'cobrowse-kit-replayer-style';
/** Our layout on top of rrweb's: the stage is scaled from its top-left corner; no iframe border. */
const VIEW_CSS =
  '.cobrowse-kit-view{position:relative;width:100%;height:100%;overflow:hidden}' +
  '.cobrowse-kit-view>.replayer-wrapper{position:absolute;left:0;top:0;transform-origin:0 0}' +
  '.cobrowse-kit-view iframe{border:0;display:block;background:#fff}';

function injectStyle(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = REPLAYER_CSS + VIEW_CSS;
  (doc.head ?? doc.documentElement).appendChild(style);
}

/**
 * Computes the CSS transform that fits a `width`×`height` page into a `boxW`×`boxH` box, centred.
 * It scales up as well as down, so a phone-sized page fills an agent's large window too.
 *
 * @example
 * ```ts
 * fitTransform(1280, 800, 640, 400); // { scale: 0.5, x: 0, y: 0 }
 * ```
 */
export function fitTransform(
  width: number,
  height: number,
  boxW: number,
  boxH: number,
): { scale: number; x: number; y: number } {
  if (!(width > 0 && height > 0 && boxW > 0 && boxH > 0)) return { scale: 1, x: 0, y: 0 };
  const scale = Math.min(boxW / width, boxH / height);
  return { scale, x: (boxW - width * scale) / 2, y: (boxH - height * scale) / 2 };
}

/**
 * Enforces the sandbox: exactly `allow-same-origin` (the replayer needs to reach into the
 * document it rebuilds), never `allow-scripts`. rrweb sets this itself; checking costs nothing and
 * protects against a future rrweb option turning scripts on.
 *
 * @example
 * ```ts
 * enforceSandbox(replayer.iframe); // sandbox="allow-same-origin"
 * ```
 */
export function enforceSandbox(iframe: HTMLIFrameElement): void {
  if (iframe.getAttribute('sandbox') !== 'allow-same-origin') {
    iframe.setAttribute('sandbox', 'allow-same-origin');
  }
}

/**
 * Destroys a live replayer completely. `Replayer.destroy()` pauses, but the live state ignores
 * pause: its timer would keep casting queued events into the removed iframe. Clearing the timer
 * and stopping the state machine ends it for good.
 */
function dispose(r: Replayer): void {
  try {
    r.destroy();
  } catch {}
  r.timer.clear();
  r.service.stop();
}

/**
 * Renders the customer's page live into `mount`.
 *
 * @example
 * ```ts
 * const view = createMirror(document.getElementById('view')!);
 * view.apply(frame.events, { reset: frame.reset });
 * view.destroy();
 * ```
 */
export function createMirror(mount: HTMLElement): Mirror {
  const doc = mount.ownerDocument;
  injectStyle(doc);
  const view = doc.createElement('div');
  view.className = 'cobrowse-kit-view';
  mount.appendChild(view);

  let replayer: Replayer | undefined;
  let size = { width: 0, height: 0 };
  let lastTs = 0;
  let destroyed = false;

  const fit = () => {
    if (!replayer || destroyed) return;
    const t = fitTransform(size.width, size.height, view.clientWidth, view.clientHeight);
    replayer.wrapper.style.transform = `translate(${t.x}px, ${t.y}px) scale(${t.scale})`;
  };
  const win = doc.defaultView;
  const observer =
    win && typeof win.ResizeObserver === 'function' ? new win.ResizeObserver(fit) : undefined;
  if (observer) observer.observe(view);
  else win?.addEventListener('resize', fit);

  // rrweb's live mode schedules each event at `timestamp - baseline` on the agent's clock. The
  // customer's timestamps come from another clock, and a joining agent's first batch (the relay's
  // checkpoint) can be minutes old: taken as they are, they would replay minutes late. Restamping
  // each event with the agent's arrival time plays everything on the next frame, in order.
  const feed = (events: WireEvent[]) => {
    if (!replayer) return;
    for (const e of events) {
      const now = Date.now();
      lastTs = Math.max(now, lastTs);
      e.timestamp = lastTs;
      replayer.addEvent(e as unknown as eventWithTime);
    }
  };

  const rebuild = (events: WireEvent[]) => {
    if (replayer) dispose(replayer);
    replayer = undefined;
    // Without a full snapshot there is nothing to build on (rrweb #239: blank views); wait for one.
    if (!startsFullSnapshot(events)) return;
    const r = new Replayer([], {
      root: view,
      liveMode: true,
      mouseTail: false,
      // Real DOM: rrweb's virtual DOM only flushes on play(), never in live mode.
      useVirtualDom: false,
      showWarning: false,
      triggerFocus: false,
      UNSAFE_replayCanvas: false,
    });
    enforceSandbox(r.iframe);
    r.on('resize', (d) => {
      const dim = d as { width?: number; height?: number };
      if (typeof dim.width === 'number' && typeof dim.height === 'number') {
        size = { width: dim.width, height: dim.height };
        fit();
      }
    });
    replayer = r;
    const baseline = Date.now();
    lastTs = baseline;
    r.startLive(baseline);
    // The events up to the full snapshot (Meta, FullSnapshot) are stamped just before the
    // baseline, which rrweb applies synchronously: the new view is built in this task (no frame
    // with an empty iframe, no wait for the next animation frame), so a rebuild never blanks a
    // visible view. What follows plays as before, on the next frame, in order.
    const full = events.findIndex((e) => e.type === EventKind.FullSnapshot);
    for (const e of events.slice(0, full + 1)) {
      e.timestamp = baseline - 1;
      r.addEvent(e as unknown as eventWithTime);
    }
    feed(events.slice(full + 1));
  };

  return {
    apply(events: WireEvent[], options: ApplyOptions = {}) {
      if (destroyed) return;
      // A batch that starts a full snapshot restarts the replayer too: rrweb keeps every event it
      // was given, so this bounds the agent's memory in long sessions (rrweb #1158) the same way
      // the relay bounds its checkpoint.
      if (options.reset || startsFullSnapshot(events)) rebuild(events);
      else feed(events);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      observer?.disconnect();
      win?.removeEventListener('resize', fit);
      if (replayer) dispose(replayer);
      replayer = undefined;
      view.remove();
    },
  };
}
