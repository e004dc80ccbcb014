/**
 * The messaging module in real Chromium, across real origins: a host page on one origin, the viewer
 * on another (different host and port), and a foreign page on a third that tries to interfere.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The published harness's discovery (env var, Debian's Chromium, Playwright's own), by path: a
// package dependency on the harness would be a cycle, since the harness depends on core.
import { chromiumLaunchOptions } from '../../../test-harness/src/chromium';
import type { MessageMap as Any } from '../../src/messaging/index';

// What the pages see: the messaging module bundled as an IIFE.
declare const CK: typeof import('../../src/messaging/index');
declare global {
  interface Window {
    viewerError?: { code: string; message: string };
    viewerState?: string;
    closedReason?: { code: string; message: string };
  }
}

const T = { timeout: 30_000 };
const VIEWER_CHANNEL = 'cobrowse-kit:viewer';

const HEAD = '<!doctype html><meta charset="utf-8"><script src="/messaging.js"></script>';

// The viewer page: connects to its host, answers requests, reports what happened on `window`.
const VIEWER_SCRIPT = `
const q = new URLSearchParams(location.search);
try {
  const ch = CK.connectToHost({
    targetOrigin: q.get('host'),
    channel: q.get('channel') || undefined,
    handshakeTimeoutMs: Number(q.get('timeout') || 20000),
  });
  ch.handle('echo', (p) => p);
  ch.handle('fail', () => { throw new Error('boom in viewer'); });
  ch.handle('slow', (ms) => new Promise((r) => setTimeout(() => r('real'), ms)));
  ch.handle('leave', () => { setTimeout(() => ch.emit('ended')); return 'left'; });
  ch.on('ping', (p) => ch.emit('pong', p));
  ch.ready.then(
    () => ch.emit('status', { status: 'connected', pin: 'AB12' }),
    (e) => { window.viewerError = { code: e.code, message: e.message }; },
  );
  ch.closed.then((r) => { window.closedReason = { code: r.code, message: r.message }; });
  window.viewerState = 'connecting';
} catch (e) {
  window.viewerError = { code: e.code, message: e.message };
}`;

// A page that posts well-formed envelopes (forged responses, events, hello-acks, closes) to the
// window that embeds or opened it, with '*', then says it is done.
const EVIL_SCRIPT = `
const q = new URLSearchParams(location.search);
const to = window.opener || window.parent;
const env = (kind, id, type) =>
  ({ __cobrowseKit: 1, channel: q.get('channel'), id: String(id), kind, type, payload: { forged: true } });
let round = 0;
const timer = setInterval(() => {
  for (let id = 0; id <= 30; id++) to.postMessage(env('response', id, 'slow'), '*');
  to.postMessage(env('event', 0, 'status'), '*');
  to.postMessage(env('hello-ack', 0, ''), '*');
  to.postMessage(env('close', 0, ''), '*');
  if (++round === 8) { clearInterval(timer); to.postMessage({ done: true }, '*'); }
}, 40);`;

const PAGES: Record<string, string> = {
  '/host.html': `${HEAD}<title>host</title><body></body>`,
  '/viewer.html': `${HEAD}<title>viewer</title><body><script>${VIEWER_SCRIPT}</script></body>`,
  '/evil.html': `<!doctype html><title>evil</title><body><script>${EVIL_SCRIPT}</script></body>`,
  '/blank.html': '<!doctype html><title>blank</title><body></body>',
};

let bundle = '';
let browser: Browser;
const servers: Server[] = [];
let context: BrowserContext | undefined;
/** Host page origin, viewer origin (other host and port), foreign origin. */
let A = '';
let B = '';
let C = '';

async function serve(hostname: string): Promise<string> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = path === '/messaging.js' ? bundle : PAGES[path];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    const type = path.endsWith('.js') ? 'text/javascript' : 'text/html';
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://${hostname}:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('../../src/messaging/index.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'CK',
    platform: 'browser',
    target: 'es2020',
    write: false,
  });
  bundle = out.outputFiles[0]?.text ?? '';
  [A, B, C] = await Promise.all([serve('127.0.0.1'), serve('localhost'), serve('127.0.0.1')]);
  browser = await chromium.launch(chromiumLaunchOptions());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function hostPage(): Promise<Page> {
  context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${A}/host.html`);
  return page;
}

const viewerUrl = (params: Record<string, string> = {}) =>
  `${B}/viewer.html?${new URLSearchParams({ host: A, ...params })}`;

describe('messaging in Chromium', () => {
  it('host ↔ popup on another origin: handshake, events both ways, requests', T, async () => {
    const page = await hostPage();
    const popup = page.waitForEvent('popup');
    const result = await page.evaluate(async (url) => {
      const { window: w, channel } = CK.openViewerPopup<Any, Any>(url, {
        features: 'popup,width=400,height=300',
      });
      const events: unknown[] = [];
      for (const type of ['status', 'pong', 'ended']) {
        channel.on(type, (p) => events.push([type, p]));
      }
      await channel.ready;
      channel.emit('ping', { n: 7 });
      const echo = await channel.request('echo', { n: 42, list: [1, 2], at: 'x' });
      const failed = await channel.request('fail').then(
        () => 'resolved',
        (e) => ({ name: e.name, code: e.code, message: e.message }),
      );
      const left = await channel.request('leave');
      await new Promise((r) => setTimeout(r, 100));
      return { echo, failed, left, events, hasOpener: w !== null };
    }, viewerUrl());
    expect(result).toEqual({
      echo: { n: 42, list: [1, 2], at: 'x' },
      failed: { name: 'CobrowseError', code: 'CHANNEL_REMOTE_ERROR', message: 'boom in viewer' },
      left: 'left',
      events: [
        ['status', { status: 'connected', pin: 'AB12' }],
        ['pong', { n: 7 }],
        ['ended', undefined],
      ],
      hasOpener: true,
    });
    expect(new URL((await popup).url()).origin).toBe(B);
  });

  it('host ↔ iframe on another origin, connected before the iframe has loaded', T, async () => {
    const page = await hostPage();
    const result = await page.evaluate(async (url) => {
      const iframe = document.createElement('iframe');
      iframe.src = url;
      let detached = '';
      try {
        CK.connectToIframe(iframe);
      } catch (e) {
        detached = (e as { code: string }).code;
      }
      document.body.append(iframe);
      // Right away: the page inside is still about:blank, so hello is repeated until it loads.
      const channel = CK.connectToIframe<Any, Any>(iframe);
      const statuses: unknown[] = [];
      channel.on('status', (s) => statuses.push(s));
      await channel.ready;
      const left = await channel.request('leave');
      await new Promise((r) => setTimeout(r, 100));
      return { detached, left, statuses };
    }, viewerUrl());
    expect(result).toEqual({
      detached: 'WINDOW_IFRAME_UNREACHABLE',
      left: 'left',
      statuses: [{ status: 'connected', pin: 'AB12' }],
    });
  });

  it(
    'ignores envelopes from a foreign origin and from another window of the viewer origin',
    T,
    async () => {
      const page = await hostPage();
      const result = await page.evaluate(
        async ({ viewer, evil, impostor, blank }) => {
          const frame = (src: string) => {
            const f = document.createElement('iframe');
            f.src = src;
            document.body.append(f);
            return f;
          };
          const forgedFrom = new Map<string, number>();
          const done = new Set<string>();
          let allDone: () => void = () => {};
          const finished = new Promise<void>((r) => {
            allDone = r;
          });
          const startEvil = () => {
            frame(evil);
            frame(impostor);
          };

          // 1. A connected channel with a request in flight while forged messages arrive.
          const channel = CK.connectToIframe<Any, Any>(frame(viewer));
          const statuses: unknown[] = [];
          channel.on('status', (s) => statuses.push(s));
          await channel.ready;
          // Registered after the channel's own listener, so it runs after it for each message.
          window.addEventListener('message', (e) => {
            if (e.data?.payload?.forged)
              forgedFrom.set(e.origin, (forgedFrom.get(e.origin) ?? 0) + 1);
            if (e.data?.done && done.add(e.origin).size === 2) allDone();
          });
          const slow = channel.request('slow', 1500);
          startEvil();
          await finished;
          const slowResult = await slow;
          const forgedBefore = Object.fromEntries(forgedFrom);
          let stillOpen = true;
          try {
            channel.emit('ping', { n: 1 });
          } catch {
            stillOpen = false;
          }

          // 2. No responder at all: forged hello-acks must not complete the handshake.
          const lonely = CK.connectToIframe<Any, Any>(frame(blank), { handshakeTimeoutMs: 1500 });
          startEvil();
          const handshake = await lonely.ready.then(
            () => 'resolved',
            (e) => e.code,
          );
          return {
            forgedFrom: forgedBefore,
            slowResult,
            statuses,
            stillOpen,
            handshake,
          };
        },
        {
          viewer: viewerUrl(),
          evil: `${C}/evil.html?channel=${VIEWER_CHANNEL}`,
          impostor: `${B}/evil.html?channel=${VIEWER_CHANNEL}`,
          blank: `${B}/blank.html`,
        },
      );
      // The forged messages did reach the host window, from both pages...
      expect(result.forgedFrom[C]).toBe(8 * 34);
      expect(result.forgedFrom[B]).toBe(8 * 34);
      // ...and changed nothing.
      expect(result.slowResult).toBe('real');
      expect(result.statuses).toEqual([{ status: 'connected', pin: 'AB12' }]);
      expect(result.stillOpen).toBe(true);
      expect(result.handshake).toBe('CHANNEL_HANDSHAKE_TIMEOUT');
    },
  );

  it('a popup opened with noopener gets WINDOW_NO_OPENER on the viewer side', T, async () => {
    const page = await hostPage();
    const url = viewerUrl();

    const viaOpen = page.waitForEvent('popup');
    const returned = await page.evaluate((u) => window.open(u, '_blank', 'noopener'), url);
    expect(returned).toBeNull();
    const p1 = await viaOpen;
    await p1.waitForFunction(() => window.viewerError);
    const err = await p1.evaluate(() => window.viewerError);
    expect(err?.code).toBe('WINDOW_NO_OPENER');
    // Says how to open the viewer so that it has an opener.
    expect(err?.message).toMatch(/window\.open/);

    // target=_blank links are noopener by default in Chromium; rel="opener" keeps the relationship.
    const links = await page.evaluate((u) => {
      document.body.innerHTML = `<a id="plain" href="${u}" target="_blank">plain</a>
        <a id="opener" href="${u}" target="_blank" rel="opener">opener</a>`;
      try {
        CK.openViewerPopup(u, { features: 'noopener' });
        return 'opened';
      } catch (e) {
        return (e as { code: string }).code;
      }
    }, url);
    expect(links).toBe('WINDOW_NO_OPENER');
    const viaLink = page.waitForEvent('popup');
    await page.click('#plain');
    const p2 = await viaLink;
    await p2.waitForFunction(() => window.viewerError);
    expect((await p2.evaluate(() => window.viewerError))?.code).toBe('WINDOW_NO_OPENER');

    const viaOpenerLink = page.waitForEvent('popup');
    await page.click('#opener');
    const p3 = await viaOpenerLink;
    await p3.waitForFunction(() => window.viewerState);
    expect(await p3.evaluate(() => [window.viewerState, window.viewerError])).toEqual([
      'connecting',
      undefined,
    ]);
  });

  it('times out the handshake with a message that names the channel', T, async () => {
    const page = await hostPage();
    const result = await page.evaluate(
      async ({ otherChannel, wrongOrigin }) => {
        const attempt = async (url: string) => {
          const { channel } = CK.openViewerPopup<Any, Any>(url, { handshakeTimeoutMs: 1200 });
          const started = Date.now();
          return channel.ready.then(
            () => ({ code: 'resolved', message: '', ms: 0 }),
            (e) => ({ code: e.code, message: e.message, ms: Date.now() - started }),
          );
        };
        return Promise.all([attempt(otherChannel), attempt(wrongOrigin)]);
      },
      {
        otherChannel: viewerUrl({ channel: 'other-channel', timeout: '1200' }),
        wrongOrigin: viewerUrl({ host: C, timeout: '1200' }),
      },
    );
    for (const r of result) {
      expect(r.code).toBe('CHANNEL_HANDSHAKE_TIMEOUT');
      expect(r.message).toMatch(/cobrowse-kit:viewer/);
      expect(r.ms).toBeGreaterThanOrEqual(1000);
    }
    // The viewer on the other channel never heard hello either.
    const pages = context?.pages() ?? [];
    const viewer = pages.find((p) => p.url().includes('other-channel'));
    await viewer?.waitForFunction(() => window.viewerError);
    expect((await viewer?.evaluate(() => window.viewerError))?.code).toBe(
      'CHANNEL_HANDSHAKE_TIMEOUT',
    );
  });

  it('close() rejects pending requests, refuses later calls and tells the viewer', T, async () => {
    const page = await hostPage();
    const popup = page.waitForEvent('popup');
    const result = await page.evaluate(async (url) => {
      const { channel } = CK.openViewerPopup<Any, Any>(url);
      await channel.ready;
      const slow = channel.request('slow', 5000).then(
        () => 'resolved',
        (e) => e.code,
      );
      channel.close();
      channel.close();
      let emit = 'no error';
      try {
        channel.emit('ping', 1);
      } catch (e) {
        emit = (e as { code: string }).code;
      }
      const request = await channel.request('echo', 1).then(
        () => 'resolved',
        (e) => e.code,
      );
      return { slow: await slow, emit, request, closed: (await channel.closed).code };
    }, viewerUrl());
    expect(result).toEqual({
      slow: 'CHANNEL_CLOSED',
      emit: 'CHANNEL_CLOSED',
      request: 'CHANNEL_CLOSED',
      closed: 'CHANNEL_CLOSED',
    });
    const viewer = await popup;
    await viewer.waitForFunction(() => window.closedReason);
    expect(await viewer.evaluate(() => window.closedReason?.code)).toBe('CHANNEL_CLOSED');
  });

  it('the host learns that the viewer popup was closed or its iframe removed', T, async () => {
    const page = await hostPage();
    const result = await page.evaluate(async (url) => {
      const { window: w, channel } = CK.openViewerPopup<Any, Any>(url);
      await channel.ready;
      w.close();
      const popup = await channel.closed;

      const iframe = document.createElement('iframe');
      iframe.src = url;
      document.body.append(iframe);
      const inFrame = CK.connectToIframe<Any, Any>(iframe);
      await inFrame.ready;
      iframe.remove();
      const frame = await inFrame.closed;
      return [popup, frame].map((r) => ({ code: r.code, message: r.message }));
    }, viewerUrl());
    for (const r of result) {
      expect(r.code).toBe('CHANNEL_CLOSED');
      expect(r.message).toMatch(/other window/);
    }
  });
});
