// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { createMirror, enforceSandbox, fitTransform } from './replay';
import { REPLAYER_CSS } from './replayer-css';
import { startsFullSnapshot } from './types';

const meta = { type: 4, timestamp: 1, data: { href: 'http://x/', width: 1280, height: 800 } };
const full = {
  type: 2,
  timestamp: 2,
  data: { node: { type: 0, childNodes: [], id: 1 }, initialOffset: { left: 0, top: 0 } },
};

describe('REPLAYER_CSS', () => {
  it("is exactly @rrweb/replay's style.min.css (the cursor needs it)", () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@rrweb/replay');
    const css = readFileSync(entry.replace(/replay\.c?js$/, 'style.min.css'), 'utf8').replace(
      /\s*\/\*# sourceMappingURL=.*\*\/\s*$/,
      '',
    );
    expect(REPLAYER_CSS).toBe(css);
    expect(REPLAYER_CSS).toContain('.replayer-mouse');
  });
});

describe('fitTransform', () => {
  it('scales down to fit and centres the other axis', () => {
    expect(fitTransform(1280, 800, 640, 400)).toEqual({ scale: 0.5, x: 0, y: 0 });
    expect(fitTransform(1000, 1000, 800, 400)).toEqual({ scale: 0.4, x: 200, y: 0 });
  });

  it('scales a small page up to fill the box', () => {
    expect(fitTransform(400, 800, 800, 800).scale).toBe(1);
    expect(fitTransform(400, 400, 800, 1000).scale).toBe(2);
  });

  it('is the identity until sizes are known', () => {
    expect(fitTransform(0, 0, 800, 600)).toEqual({ scale: 1, x: 0, y: 0 });
    expect(fitTransform(1280, 800, 0, 0)).toEqual({ scale: 1, x: 0, y: 0 });
  });
});

describe('enforceSandbox', () => {
  it('removes allow-scripts and keeps allow-same-origin', () => {
    const f = document.createElement('iframe');
    f.setAttribute('sandbox', 'allow-same-origin allow-scripts');
    enforceSandbox(f);
    expect(f.getAttribute('sandbox')).toBe('allow-same-origin');
    const g = document.createElement('iframe');
    enforceSandbox(g);
    expect(g.getAttribute('sandbox')).toBe('allow-same-origin');
  });
});

describe('startsFullSnapshot', () => {
  it('needs Meta first and a FullSnapshot', () => {
    expect(startsFullSnapshot([meta, full])).toBe(true);
    expect(startsFullSnapshot([full, meta])).toBe(false);
    expect(startsFullSnapshot([meta])).toBe(false);
    expect(startsFullSnapshot([])).toBe(false);
  });
});

describe('createMirror (structure; rendering is covered by the browser e2e tests)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    document.getElementById('cobrowse-kit-replayer-style')?.remove();
  });

  it('injects the replayer CSS once and builds a sandboxed iframe without allow-scripts', () => {
    const mount = document.createElement('div');
    document.body.appendChild(mount);
    const a = createMirror(mount);
    const b = createMirror(mount);
    expect(document.querySelectorAll('#cobrowse-kit-replayer-style')).toHaveLength(1);
    expect(document.getElementById('cobrowse-kit-replayer-style')?.textContent).toContain(
      '.replayer-mouse',
    );
    a.apply([meta, full], { reset: true });
    const iframe = mount.querySelector('iframe');
    expect(iframe?.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(iframe?.getAttribute('sandbox')).not.toContain('allow-scripts');
    expect(mount.querySelector('.replayer-mouse')).not.toBeNull();
    a.destroy();
    b.destroy();
  });

  it('builds nothing until a full snapshot arrives, then rebuilds on reset', () => {
    const mount = document.createElement('div');
    document.body.appendChild(mount);
    const m = createMirror(mount);
    m.apply([{ type: 3, timestamp: 3, data: { source: 1, positions: [] } }]);
    expect(mount.querySelector('iframe')).toBeNull();
    m.apply([meta, full], { reset: true });
    const first = mount.querySelector('iframe');
    m.apply([meta, full], { reset: true });
    const frames = mount.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    expect(frames[0]).not.toBe(first);
    m.destroy();
  });

  it('removes its view on destroy and ignores later events', () => {
    const mount = document.createElement('div');
    document.body.appendChild(mount);
    const m = createMirror(mount);
    m.apply([meta, full], { reset: true });
    m.destroy();
    expect(mount.children).toHaveLength(0);
    m.apply([meta, full], { reset: true });
    expect(mount.children).toHaveLength(0);
  });
});
