// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { WireEvent } from '../protocol/index';
import {
  attributeMasker,
  createRecorder,
  maskPolicy,
  mediaMaskSelector,
  toRecordOptions,
} from './record';
import type { Recorder } from './types';

const el = (html: string, selector: string): Element => {
  document.body.innerHTML = html;
  const found = document.querySelector(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};

describe('maskPolicy', () => {
  it('always masks passwords, even with no settings and after a type change', () => {
    expect(maskPolicy().input(el('<input type="password">', 'input'))).toBe(true);
    expect(maskPolicy().input(el('<input data-rr-is-password="true">', 'input'))).toBe(true);
    expect(maskPolicy().input(el('<input type="text">', 'input'))).toBe(false);
  });

  it("'custom_input' masks inputs inside maskCssSelectors only", () => {
    const p = maskPolicy({ maskType: 'custom_input', maskCssSelectors: ' .card , #ssn ' });
    expect(p.input(el('<div class="card"><input></div>', 'input'))).toBe(true);
    expect(p.input(el('<input id="ssn">', 'input'))).toBe(true);
    expect(p.input(el('<input id="name">', 'input'))).toBe(false);
  });

  it("'all_input' masks every input, hidden ones included", () => {
    const p = maskPolicy({ maskType: 'all_input' });
    expect(p.input(el('<input type="hidden" value="t">', 'input'))).toBe(true);
    expect(p.input(el('<textarea></textarea>', 'textarea'))).toBe(true);
    expect(p.text(el('<p>hi</p>', 'p'))).toBe(false);
  });

  it('privateByDefault masks all text and inputs except allowCssSelectors; an explicit mask wins', () => {
    const p = maskPolicy({
      privateByDefault: true,
      allowCssSelectors: '.public',
      maskTextSelectors: '.secret',
    });
    expect(p.text(el('<p>hi</p>', 'p'))).toBe(true);
    expect(p.text(el('<div class="public"><p>hi</p></div>', 'p'))).toBe(false);
    expect(p.input(el('<div class="public"><input></div>', 'input'))).toBe(false);
    expect(p.input(el('<input>', 'input'))).toBe(true);
    expect(p.text(el('<div class="public"><p class="secret">x</p></div>', 'p'))).toBe(true);
    expect(p.text(null)).toBe(true);
  });

  it('maskTextSelectors masks text and inputs inside them', () => {
    const p = maskPolicy({ maskTextSelectors: '.pii' });
    expect(p.text(el('<div class="pii"><span>x</span></div>', 'span'))).toBe(true);
    expect(p.text(el('<span>x</span>', 'span'))).toBe(false);
    expect(p.input(el('<div class="pii"><input></div>', 'input'))).toBe(true);
  });

  it('treats an invalid selector as matching nothing instead of throwing', () => {
    const p = maskPolicy({ maskCssSelectors: '[[[' });
    expect(p.input(el('<input>', 'input'))).toBe(false);
  });
});

describe('toRecordOptions', () => {
  it('inlines stylesheets and never collects fonts or canvas', () => {
    const o = toRecordOptions();
    expect(o.inlineStylesheet).toBe(true);
    expect(o.collectFonts).toBe(false);
    expect(o.recordCanvas).toBe(false);
  });

  it('routes every input type, hidden included, through maskInputFn', () => {
    const o = toRecordOptions({ maskType: 'custom_input', maskCssSelectors: '.x' });
    const opts = o.maskInputOptions as Record<string, boolean>;
    for (const t of ['text', 'email', 'hidden', 'password', 'textarea', 'select']) {
      expect(opts[t]).toBe(true);
    }
  });

  it('keeps <option selected> (select off) when nothing could mask a select', () => {
    expect((toRecordOptions().maskInputOptions as Record<string, boolean>).select).toBe(false);
    expect(
      (toRecordOptions({ maskType: 'all_input' }).maskInputOptions as Record<string, boolean>)
        .select,
    ).toBe(true);
  });

  it("uses maskTextSelector '*' under privateByDefault so every text node reaches maskTextFn", () => {
    expect(toRecordOptions({ privateByDefault: true }).maskTextSelector).toBe('*');
    expect(toRecordOptions({ maskTextSelectors: '.a,.b' }).maskTextSelector).toBe('.a, .b');
    expect(toRecordOptions().maskTextSelector).toBeUndefined();
  });

  it('masks with asterisks of the same length, keeping whitespace in text', () => {
    const o = toRecordOptions({ privateByDefault: true });
    const p = el('<p>x</p>', 'p') as HTMLElement;
    expect(o.maskTextFn?.('ab cd', p)).toBe('** **');
    expect(o.maskInputFn?.('secret', el('<input>', 'input') as HTMLElement)).toBe('******');
  });
});

describe('mediaMaskSelector', () => {
  const matches = (sel: string | undefined, html: string, target: string) =>
    !!sel && el(html, target).matches(sel);

  it('is undefined when nothing masks media (rrweb then blocks nothing)', () => {
    expect(mediaMaskSelector()).toBeUndefined();
    expect(mediaMaskSelector({ maskType: 'all_input' })).toBeUndefined();
  });

  it('matches media that are, or are inside, maskCssSelectors and maskTextSelectors', () => {
    const sel = mediaMaskSelector({ maskCssSelectors: '.card', maskTextSelectors: '.pii' });
    expect(matches(sel, '<div class="card"><img src="a.png"></div>', 'img')).toBe(true);
    expect(matches(sel, '<img class="pii" src="a.png">', 'img')).toBe(true);
    expect(matches(sel, '<section class="pii"><p><svg></svg></p></section>', 'svg')).toBe(true);
    expect(matches(sel, '<div class="pii"><iframe></iframe></div>', 'iframe')).toBe(true);
    expect(matches(sel, '<img src="logo.png">', 'img')).toBe(false);
    // Only media: a masked container itself stays, its text goes through maskTextFn.
    expect(matches(sel, '<div class="pii"><p>x</p></div>', 'p')).toBe(false);
  });

  it('privateByDefault matches every media element outside allowCssSelectors', () => {
    const sel = mediaMaskSelector({ privateByDefault: true, allowCssSelectors: '.public' });
    expect(matches(sel, '<img src="a.png">', 'img')).toBe(true);
    expect(matches(sel, '<nav class="public"><img src="logo.png"></nav>', 'img')).toBe(false);
    expect(matches(sel, '<img class="public" src="logo.png">', 'img')).toBe(false);
    expect(matches(mediaMaskSelector({ privateByDefault: true }), '<video></video>', 'video')).toBe(
      true,
    );
  });

  it('drops an invalid selector list instead of breaking the others', () => {
    const sel = mediaMaskSelector({ maskCssSelectors: '[[[', maskTextSelectors: '.pii' });
    expect(matches(sel, '<div class="pii"><img></div>', 'img')).toBe(true);
    expect(mediaMaskSelector({ maskCssSelectors: '[[[' })).toBeUndefined();
  });
});

describe('attributeMasker', () => {
  it('is undefined when no text is masked, so the events pass untouched', () => {
    expect(attributeMasker({ maskType: 'all_input' }, () => null)).toBeUndefined();
  });

  it('masks an element rrweb cannot place only under privateByDefault', () => {
    const event = () => ({
      type: 3,
      data: { source: 0, adds: [], attributes: [{ id: 9, attributes: { title: 'Ada' } }] },
    });
    const priv = event();
    attributeMasker({ privateByDefault: true }, () => null)?.(priv);
    expect(priv.data.attributes[0]?.attributes.title).toBe('***');
    const sel = event();
    attributeMasker({ maskTextSelectors: '.pii' }, () => null)?.(sel);
    expect(sel.data.attributes[0]?.attributes.title).toBe('Ada');
  });
});

describe('createRecorder (rrweb in jsdom)', () => {
  let rec: Recorder | undefined;
  afterEach(() => {
    rec?.stop();
    rec = undefined;
    document.head.innerHTML = '';
    document.body.innerHTML = '';
  });

  const start = (piiMask?: Parameters<typeof toRecordOptions>[0]) => {
    const events: WireEvent[] = [];
    rec = createRecorder({ emit: (e) => events.push(e), piiMask });
    return events;
  };
  const json = (events: WireEvent[]) => JSON.stringify(events);

  it('emits Meta then FullSnapshot on start, and again on takeFullSnapshot', () => {
    document.body.innerHTML = '<p>hi</p>';
    const events = start();
    expect(events.map((e) => e.type)).toEqual([4, 2]);
    rec?.takeFullSnapshot();
    expect(events.map((e) => e.type)).toEqual([4, 2, 4, 2]);
  });

  it('never serialises masked values: custom_input, passwords, and clear text elsewhere', () => {
    document.body.innerHTML =
      '<div class="card"><input value="4111111111111111"></div><input id="name" value="Ada"><input type="password" value="hunter2">';
    const s = json(start({ maskType: 'custom_input', maskCssSelectors: '.card' }));
    expect(s).not.toContain('4111111111111111');
    expect(s).not.toContain('hunter2');
    expect(s).toContain('"value":"****************"');
    expect(s).toContain('Ada');
  });

  it('masks hidden inputs and textareas under all_input', () => {
    document.body.innerHTML =
      '<input type="hidden" value="csrf-token-123"><textarea>my address</textarea><p>visible text</p>';
    const s = json(start({ maskType: 'all_input' }));
    expect(s).not.toContain('csrf-token-123');
    expect(s).not.toContain('my address');
    expect(s).toContain('visible text');
  });

  it('privateByDefault masks text except allowCssSelectors', () => {
    document.body.innerHTML =
      '<p>Account balance 1234</p><nav class="public">Menu</nav><input value="typed">';
    const s = json(start({ privateByDefault: true, allowCssSelectors: '.public' }));
    expect(s).not.toContain('Account');
    expect(s).not.toContain('1234');
    expect(s).not.toContain('typed');
    expect(s).toContain('Menu');
  });

  it('sends masked images, svg and iframes as empty placeholders, others as they are', () => {
    document.body.innerHTML =
      '<div class="pii"><img src="passport-scan.png" alt="Passport of Ada"><svg><text>Ada L.</text></svg></div>' +
      '<img src="logo.png" alt="Shop">';
    const s = json(start({ maskTextSelectors: '.pii' }));
    expect(s).not.toContain('passport-scan.png');
    expect(s).not.toContain('Passport of Ada');
    expect(s).not.toContain('Ada L.');
    expect(s).toContain('rr_width');
    expect(s).toContain('logo.png');
  });

  it('privateByDefault sends no image outside allowCssSelectors, later ones included', async () => {
    document.body.innerHTML =
      '<img src="statement.png"><nav class="public"><img src="logo.png"></nav><div id="later"></div>';
    const events = start({ privateByDefault: true, allowCssSelectors: '.public' });
    const img = document.createElement('img');
    img.src = 'added-later.png';
    document.getElementById('later')?.appendChild(img);
    await new Promise((r) => setTimeout(r, 20));
    const s = json(events);
    expect(events.length).toBeGreaterThan(2);
    expect(s).not.toContain('statement.png');
    expect(s).not.toContain('added-later.png');
    expect(s).toContain('logo.png');
  });

  it('masks text attributes (title, aria-label, placeholder, …) where text is masked, later ones too', async () => {
    document.body.innerHTML =
      '<section class="pii"><span title="Ada Lovelace" aria-label="SSN 078-05-1120">x</span>' +
      '<input placeholder="Ada\'s card"></section><button title="Open menu">Menu</button><div id="later"></div>';
    const events = start({ maskTextSelectors: '.pii' });
    const span = document.querySelector('.pii span') as HTMLElement;
    span.setAttribute('title', 'Changed to Grace');
    const added = document.createElement('abbr');
    added.title = 'Added later';
    document.querySelector('.pii')?.appendChild(added);
    const outside = document.createElement('abbr');
    outside.title = 'Outside stays';
    document.getElementById('later')?.appendChild(outside);
    await new Promise((r) => setTimeout(r, 20));
    const s = json(events);
    expect(events.length).toBeGreaterThan(2);
    for (const secret of ['Ada Lovelace', '078-05-1120', "Ada's card", 'Grace', 'Added later']) {
      expect(s).not.toContain(secret);
    }
    expect(s).toContain('"title":"*** ********"');
    expect(s).toContain('Open menu');
    expect(s).toContain('Outside stays');
  });

  it('privateByDefault masks text attributes outside allowCssSelectors', () => {
    document.body.innerHTML =
      '<p title="Balance 1234">x</p><nav class="public"><a title="Home page" href="/">Home</a></nav>';
    const s = json(start({ privateByDefault: true, allowCssSelectors: '.public' }));
    expect(s).not.toContain('Balance 1234');
    expect(s).toContain('Home page');
  });

  it('masks later typing and later text changes too', async () => {
    document.body.innerHTML = '<div class="card"><input id="cc"></div><p class="pii">old</p>';
    const events = start({
      maskType: 'custom_input',
      maskCssSelectors: '.card',
      maskTextSelectors: '.pii',
    });
    const input = document.getElementById('cc') as HTMLInputElement;
    input.value = '5555444433332222';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    (document.querySelector('.pii') as HTMLElement).textContent = 'new secret';
    await new Promise((r) => setTimeout(r, 20));
    const s = json(events);
    expect(events.length).toBeGreaterThan(2);
    expect(s).not.toContain('5555444433332222');
    expect(s).not.toContain('new secret');
    expect(s).not.toContain('old');
  });

  it('sends unmasked typing live, on each input event (no wait for blur)', async () => {
    document.body.innerHTML = '<input id="name">';
    // Typing changes the value natively, not through the setter rrweb hooks: keep the original.
    const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
    const events = start({ maskType: 'custom_input', maskCssSelectors: '.card' });
    const input = document.getElementById('name') as HTMLInputElement;
    native?.set?.call(input, 'Ada');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    expect(events.some((e) => (e.data as { source?: number; text?: string }).text === 'Ada')).toBe(
      true,
    );
  });

  it('captures rules inserted with insertRule (CSS-in-JS speedy mode)', () => {
    const style = document.createElement('style');
    document.head.appendChild(style);
    style.sheet?.insertRule('.emotion-1 { color: rebeccapurple; }');
    document.body.innerHTML = '<p class="emotion-1">x</p>';
    expect(json(start())).toContain('rebeccapurple');
  });

  it('emits nothing after stop()', async () => {
    document.body.innerHTML = '<p>hi</p>';
    const events = start();
    rec?.stop();
    const n = events.length;
    document.body.appendChild(document.createElement('div'));
    rec?.takeFullSnapshot();
    await new Promise((r) => setTimeout(r, 20));
    expect(events.length).toBe(n);
  });
});
