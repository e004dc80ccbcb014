/**
 * The customer-side half of the mirror: `@rrweb/record` with masking applied inside the page, so
 * nothing unmasked is ever serialised, let alone sent.
 */
import type { ZoomPiiMaskSettings } from '@cobrowse-kit/core';
import { record } from '@rrweb/record';
import type { WireEvent } from '../protocol/index';
import type { Recorder, RecorderOptions } from './types';

type RecordOptions = NonNullable<Parameters<typeof record>[0]>;

/** rrweb's per-type switches; all on so rrweb hands every value to our `maskInputFn`, which decides. */
const EVERY_INPUT = {
  color: true,
  date: true,
  'datetime-local': true,
  email: true,
  month: true,
  number: true,
  range: true,
  search: true,
  tel: true,
  text: true,
  time: true,
  url: true,
  week: true,
  textarea: true,
  select: true,
  password: true,
  // Not in rrweb's type, but rrweb looks the element's type up in this object at runtime: hidden
  // inputs often carry tokens and ids (rrweb #1563), so they must reach maskInputFn too.
  hidden: true,
};

const clean = (selectors: unknown): string | undefined => {
  if (typeof selectors !== 'string') return undefined;
  const s = selectors
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .join(', ');
  return s || undefined;
};

const within = (el: Element | null | undefined, selector: string | undefined): boolean => {
  if (!el || !selector) return false;
  try {
    return el.closest(selector) !== null;
  } catch {
    // An invalid selector from settings must not break recording; it simply matches nothing.
    return false;
  }
};

const isPassword = (el: Element): boolean =>
  el.tagName === 'INPUT' &&
  ((el as HTMLInputElement).type?.toLowerCase() === 'password' ||
    // rrweb marks inputs that were passwords before a script changed their type (show-password toggles).
    el.hasAttribute('data-rr-is-password'));

/** The masking decisions for one `piiMask` setting, independent of rrweb (tested directly). */
export interface MaskPolicy {
  /** Whether an input/textarea/select's value must be masked. */
  input(el: Element): boolean;
  /** Whether a text node whose parent is `el` must be masked. */
  text(el: Element | null): boolean;
}

/**
 * Turns Zoom's `piiMask` into masking decisions. Rules, in order: password inputs always; with
 * `maskType: 'all_input'` every input (hidden ones too); with `'custom_input'` (or no type)
 * inputs inside `maskCssSelectors`; text and inputs inside `maskTextSelectors`; with
 * `privateByDefault` all text and inputs except inside `allowCssSelectors` (an explicit mask wins
 * over an allow).
 *
 * @example
 * ```ts
 * maskPolicy({ maskType: 'custom_input', maskCssSelectors: '.card' }).input(cardInput); // true
 * ```
 */
export function maskPolicy(mask: ZoomPiiMaskSettings = {}): MaskPolicy {
  const allInputs = mask.maskType === 'all_input';
  const inputSel =
    mask.maskType === undefined || mask.maskType === 'custom_input'
      ? clean(mask.maskCssSelectors)
      : undefined;
  const textSel = clean(mask.maskTextSelectors);
  const allowSel = clean(mask.allowCssSelectors);
  const priv = mask.privateByDefault === true;
  return {
    input: (el) =>
      isPassword(el) ||
      allInputs ||
      within(el, inputSel) ||
      within(el, textSel) ||
      (priv && !within(el, allowSel)),
    text: (el) => (el ? within(el, textSel) || (priv && !within(el, allowSel)) : priv),
  };
}

/** Elements that show an image or another document: text masking cannot reach what they show. */
const MEDIA = 'img, picture, svg, video, audio, canvas, iframe, frame, embed, object';

/** `selectors` when the browser accepts it; an invalid list matches nothing (as in `within`). */
const valid = (selectors: string | undefined): string | undefined => {
  if (!selectors) return undefined;
  try {
    document.createDocumentFragment().querySelector(selectors);
    return selectors;
  } catch {
    return undefined;
  }
};

/**
 * The media elements (images, svg, video, iframes, …) that `piiMask` masks, as one selector for
 * rrweb's `blockSelector`: those inside `maskCssSelectors` or `maskTextSelectors`, and with
 * `privateByDefault` every one outside `allowCssSelectors`. rrweb sends a blocked element as an
 * empty placeholder of the same size: no `src`, no children, no later changes.
 *
 * @example
 * ```ts
 * mediaMaskSelector({ maskTextSelectors: '.profile' }); // ':is(.profile):is(img, …), :is(.profile) :is(img, …)'
 * ```
 */
export function mediaMaskSelector(mask: ZoomPiiMaskSettings = {}): string | undefined {
  // One list for both settings (often the same selectors): rrweb matches it on every element.
  const masked = [
    ...new Set([valid(clean(mask.maskCssSelectors)), valid(clean(mask.maskTextSelectors))]),
  ]
    .filter(Boolean)
    .join(', ');
  const parts = masked ? [`:is(${masked}):is(${MEDIA}), :is(${masked}) :is(${MEDIA})`] : [];
  if (mask.privateByDefault === true) {
    const allow = valid(clean(mask.allowCssSelectors));
    parts.push(allow ? `:is(${MEDIA}):not(:is(${allow}), :is(${allow}) *)` : MEDIA);
  }
  return parts.join(', ') || undefined;
}

/**
 * The rrweb record options for a `piiMask` setting: masking, inline stylesheets (so CSS-in-JS
 * rules inserted with `insertRule` survive, rrweb #1230), no font collection, no canvas.
 *
 * @example
 * ```ts
 * record({ emit, ...toRecordOptions({ maskType: 'all_input' }) });
 * ```
 */
export function toRecordOptions(mask: ZoomPiiMaskSettings = {}): RecordOptions {
  const policy = maskPolicy(mask);
  const priv = mask.privateByDefault === true;
  const textSel = clean(mask.maskTextSelectors);
  const anySelectMasking =
    priv || mask.maskType === 'all_input' || !!clean(mask.maskCssSelectors) || !!textSel;
  return {
    // rrweb only calls maskInputFn for the types switched on here. `select` also makes rrweb drop
    // `<option selected>` from snapshots, so it is only on when some select may need masking.
    maskInputOptions: {
      ...EVERY_INPUT,
      select: anySelectMasking,
    } as RecordOptions['maskInputOptions'],
    maskInputFn: (text, el) => (policy.input(el) ? '*'.repeat(text.length) : text),
    // rrweb calls maskTextFn only for text under maskTextSelector; '*' sends every text node
    // through it so the allow-list can be checked per node.
    maskTextSelector: priv ? '*' : textSel,
    maskTextFn: (text, el) => (policy.text(el) ? text.replace(/\S/g, '*') : text),
    // undefined (not '') when nothing is masked: rrweb then skips the check per element.
    blockSelector: mediaMaskSelector(mask),
    inlineStylesheet: true,
    collectFonts: false,
    recordCanvas: false,
    inlineImages: false,
    recordCrossOriginIframes: false,
    slimDOMOptions: 'all',
    // Live co-browsing wants a responsive cursor: positions every 50 ms instead of rrweb's 500 ms.
    // Every input event, not 'last' (rrweb then only listens to 'change', i.e. after blur).
    sampling: { mousemove: 50, mousemoveCallback: 50, scroll: 100 },
  };
}

/** Attributes that carry readable text: masked wherever the element's own text would be. */
const TEXT_ATTRIBUTES = [
  'title',
  'alt',
  'placeholder',
  'label',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
];

/** A serialised node as rrweb emits it: only what attribute masking reads. */
interface SerializedNode {
  id: number;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
}

/**
 * Returns the function that masks text attributes (`title`, `alt`, `placeholder`, `aria-label`, …)
 * in an rrweb event, in place, before it leaves the page: rrweb has no hook for attributes, so the
 * emitted full snapshots and mutations are rewritten with the same rule as text nodes. `nodeOf`
 * maps a serialised id back to its element. Undefined when `piiMask` masks no text.
 *
 * @example
 * ```ts
 * const mask = attributeMasker({ maskTextSelectors: '.pii' }, (id) => record.mirror.getNode(id));
 * mask?.(event); // <span class="pii" title="Ada"> → title "***"
 * ```
 */
export function attributeMasker(
  mask: ZoomPiiMaskSettings = {},
  nodeOf: (id: number) => Node | null,
): ((event: { type: number; data: unknown }) => void) | undefined {
  const priv = mask.privateByDefault === true;
  if (!priv && !clean(mask.maskTextSelectors)) return undefined;
  const policy = maskPolicy(mask);
  const maskAttributes = (id: number, attributes: Record<string, unknown> | undefined) => {
    let masked: boolean | undefined;
    for (const name of TEXT_ATTRIBUTES) {
      const value = attributes?.[name];
      if (typeof value !== 'string' || !value) continue;
      if (masked === undefined) {
        const node = nodeOf(id);
        // An element rrweb no longer knows cannot be placed: private-by-default masks it anyway.
        masked = node?.nodeType === 1 ? policy.text(node as Element) : priv;
      }
      if (masked) (attributes as Record<string, string>)[name] = value.replace(/\S/g, '*');
    }
  };
  const walk = (n: SerializedNode | undefined): void => {
    if (!n) return;
    maskAttributes(n.id, n.attributes);
    n.childNodes?.forEach(walk);
  };
  return ({ type, data }) => {
    const d = data as {
      node?: SerializedNode;
      source?: number;
      adds?: { node: SerializedNode }[];
      attributes?: { id: number; attributes: Record<string, unknown> }[];
    };
    // rrweb's EventType.FullSnapshot, and IncrementalSnapshot from IncrementalSource.Mutation.
    if (type === 2) walk(d.node);
    else if (type === 3 && d.source === 0) {
      for (const add of d.adds ?? []) walk(add.node);
      for (const change of d.attributes ?? []) maskAttributes(change.id, change.attributes);
    }
  };
}

/**
 * Starts recording the page with `@rrweb/record`. rrweb's recorder is a page-wide singleton: one
 * recorder at a time.
 *
 * @example
 * ```ts
 * const rec = createRecorder({ emit: (e) => batch.push(e), piiMask: { maskType: 'all_input' } });
 * rec.takeFullSnapshot();
 * rec.stop();
 * ```
 */
export function createRecorder(options: RecorderOptions): Recorder {
  let stopped = false;
  const maskAttributes = attributeMasker(options.piiMask, (id) => record.mirror.getNode(id));
  const stop = record({
    ...toRecordOptions(options.piiMask),
    emit: (event) => {
      if (stopped) return;
      maskAttributes?.(event);
      options.emit(event as unknown as WireEvent);
    },
    // Errors inside rrweb's observers are reported and swallowed: the customer's page comes first.
    errorHandler: (error) => {
      options.onError?.(error);
      return true;
    },
  });
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      stop?.();
    },
    takeFullSnapshot() {
      if (stopped) return;
      try {
        record.takeFullSnapshot(true);
      } catch {
        // Before the page's load event rrweb has not started yet; its first snapshot follows.
      }
    },
  };
}
