#!/usr/bin/env node
// bytes: what recording a page costs on the wire — the full snapshot, and bytes per edit.
//
// One Chromium, one fixture page per run (a table of N realistic rows: text cells, a link, a
// number input, a status cell; a note field above it), three variants interleaved in the same run:
//   rrweb        — plain @rrweb/record (default options), JSON.stringify of each event: the
//                  baseline the design names, with deflate-raw and gzip of each event's JSON as
//                  the compressed baseline (each event compressed on its own, as one message).
//   ours         — the customer CDN bundle served by a real engine (startEngine(): compression
//                  off, the relay's default), BYOP session started, every WebSocket frame the page
//                  sends counted (Playwright's framesent: payload as the page handed it over).
//   oursDeflate  — the same against a second engine started with `compression: true`
//                  (permessage-deflate, no context takeover either way).
// Both engines sit behind a byte-counting TCP proxy that parses the client → relay frames, so the
// bytes that actually cross the socket (frame header + payload, compressed or not) are measured
// rather than estimated; a deflateRawSync of each payload is reported next to them as the
// estimate the proxy checks.
//
// Edits: one per task, as a typist's keystrokes arrive (so each is its own batch): text edits of
// an input (a note typed character by character) and text-node changes (the status cell of row
// i mod N); by default each edit as soon as the previous one's frame is out. Per-edit figures are
// each edit's own frame. Full snapshots sent while the edits run (the relay asked again, or the
// SDK replaced edits it dropped under back-pressure) are reported apart, with the edits that never
// got a frame of their own. Full snapshots are deterministic (same DOM, same ids; only timestamps
// and the seq number vary by a digit or two): every round measures them again, the spread is
// reported.
//
// Env: BYTES_ROWS (fixture sizes, comma-separated; default 100,1000 — the design's 5,000 rows:
// BYTES_ROWS=100,1000,5000, see the README for why it is slow), BYTES_ROUNDS (default 5),
// BYTES_EDITS (edits of each kind per variant and fixture, all rounds together; default 1000),
// BYTES_RATE (edits per second; default 0 = back to back). Output: bench-results/bytes.json.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createHash, randomBytes } from 'node:crypto';
import { connect as netConnect, createServer as createNetServer } from 'node:net';
import { constants, deflateRawSync, gzipSync, inflateRawSync } from 'node:zlib';
import { chromiumLaunchOptions, mintToken, startEngine } from '@cobrowse-kit/test-harness';
import { chromium } from '@playwright/test';
import {
  browserBundle,
  envInt,
  environment,
  round2,
  stats,
  versionOf,
  writeResult,
} from './lib.mjs';

const ROUNDS = envInt('BYTES_ROUNDS', 5);
const TOTAL = envInt('BYTES_EDITS', 1000);
const PER_ROUND = Math.max(1, Math.ceil(TOTAL / ROUNDS));
// 0: each edit as soon as the previous one's frame is out; n: n edits per second (typing pace).
const RATE = Number(process.env.BYTES_RATE ?? 0);
const INTERVAL = RATE > 0 ? 1000 / RATE : 0;
const ROWS = (process.env.BYTES_ROWS || '100,1000').split(',').map((s) => {
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n <= 0) throw new Error(`BYTES_ROWS: "${s}" is not a row count`);
  return n;
});
const require = createRequire(import.meta.url);
const utf8 = (s) => Buffer.byteLength(s, 'utf8');
const deflated = (s) => deflateRawSync(Buffer.from(s, 'utf8')).length;
const gzipped = (s) => gzipSync(Buffer.from(s, 'utf8')).length;
// Frames are matched by hash, not kept: a 5,000-row page re-sends megabyte snapshots.
const hash = (b) => createHash('sha1').update(b).digest('hex');

// ---- the baseline's browser bundle (same esbuild, same run) ----------------------------------
const rrRecordJs = await browserBundle("export { record } from '@rrweb/record';", 'rrwebRecord');

// ---- fixture -----------------------------------------------------------------------------------
const NAMES = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Edsger Dijkstra',
];
const CITIES = ['Lisbon', 'Nairobi', 'Osaka', 'Montréal', 'Tallinn', 'Porto Alegre'];
const STATUSES = ['Pending', 'Packed', 'Shipped', 'Delivered'];
const STYLE = `<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2430}
table{border-collapse:collapse;width:100%}th,td{padding:4px 8px;border-bottom:1px solid #e3e6ea;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}a{color:#0b5cad}
input[type=number]{width:4em}.status{font-weight:600}
</style>`;
const row = (i) => {
  const id = 10_000 + i;
  return `<tr><td>${id}</td><td><a href="/orders/${id}">Order #${id}</a></td><td>${NAMES[i % NAMES.length]}</td><td>${CITIES[i % CITIES.length]}</td><td class="num">€${((i * 37) % 500) + 9}.${String(i % 100).padStart(2, '0')}</td><td class="status">${STATUSES[i % STATUSES.length]}</td><td><input type="number" name="qty-${id}" value="${(i % 5) + 1}" min="0"></td></tr>`;
};
const fixtureCache = new Map();
function fixtureBody(rows) {
  if (!fixtureCache.has(rows)) {
    fixtureCache.set(
      rows,
      `<h1>Orders</h1>
<form onsubmit="return false"><label for="note">Note to the warehouse</label> <input id="note" type="text" autocomplete="off"></form>
<table><thead><tr><th>#</th><th>Order</th><th>Customer</th><th>City</th><th>Total</th><th>Status</th><th>Qty</th></tr></thead>
<tbody>${Array.from({ length: rows }, (_, i) => row(i)).join('\n')}</tbody></table>`,
    );
  }
  return fixtureCache.get(rows);
}
// The recorder's <script src> is the only difference between the two pages; everything the bench
// itself needs goes in through addInitScript, so it is not in the DOM rrweb serialises.
const fixture = (rows, scriptSrc) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Orders</title>${STYLE}<script src="${scriptSrc}"></script></head><body>${fixtureBody(rows)}</body></html>`;

// ---- page scripts (init scripts: run before the page, not part of its DOM) ---------------------
// The send hook logs every `events` frame the page hands to a WebSocket with the edit that was
// current ([label, full, time, bufferedAmount after the send]); Playwright reports the same frames
// in the same order, so each payload is attributed by its index. Full frames (the batcher ends
// them with `"full":true}`) are snapshots, never an edit's cost. The driver waits for the SDK's
// next frame after each edit before making the next one: one edit per batch, as typing at human
// speed gives. __bucket collects what plain rrweb emits for the current edit.
const INIT = `(() => {
  window.__log = [];
  window.__label = 'setup';
  window.__bucket = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && /^\\{"v":\\d+,"seq":\\d+,"t":"events"/.test(data)) {
      const full = data.endsWith('"full":true}');
      const r = send.call(this, data);
      // What the socket still holds right after the send: the SDK's back-pressure check reads it.
      window.__log.push([window.__label, full, performance.now(), this.bufferedAmount]);
      return r;
    }
    return send.call(this, data);
  };
  // A task boundary without setTimeout's 4 ms clamp (MutationObserver callbacks and the SDK's
  // 0 ms batch timer get to run before the next edit).
  const nextTask = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
  const sleep0 = () => new Promise((r) => setTimeout(r, 0));
  const NOTE = 'Please leave the parcel at the side door and ring twice. Thank you!';
  const STATUSES = ${JSON.stringify(STATUSES)};
  const edit = {
    // Typing: the value grows a character at a time (and starts over), so each edit changes it.
    input(i) {
      const el = document.getElementById('note');
      el.value = NOTE.slice(0, (i % NOTE.length) + 1);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    // A status cell's text node changes (row i mod N); the text is unique so rrweb never skips it.
    text(i) {
      const cells = document.querySelectorAll('td.status');
      cells[i % cells.length].firstChild.data = STATUSES[i % STATUSES.length] + ' (' + (i + 1) + ')';
    },
  };
  // Returns, per edit, what plain rrweb emitted (JSON strings). With waitForFrame, waits after
  // each edit for the SDK's next events frame: normally the edit's own; a full snapshot instead
  // when the SDK dropped the edit (back-pressure: a snapshot replaces what was dropped). With
  // intervalMs, edits start on a fixed schedule (absolute deadlines) instead of back to back.
  window.__edits = async (kind, n, waitForFrame, intervalMs) => {
    const out = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      if (intervalMs > 0) {
        const wait = t0 + i * intervalMs - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const before = window.__log.length;
      const bucket = (window.__bucket = []);
      window.__label = kind + ':' + i;
      edit[kind](i);
      await nextTask();
      if (waitForFrame) {
        const t1 = performance.now();
        while (window.__log.length === before && performance.now() - t1 < 10000) await sleep0();
      }
      out.push({ rr: bucket, timedOut: waitForFrame && window.__log.length === before });
    }
    window.__label = 'after';
    return { edits: out, ms: performance.now() - t0 };
  };
})();`;

// ---- servers -----------------------------------------------------------------------------------
function listen(server) {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.address().port)),
  );
}

async function startPageServer() {
  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const rows = Number(url.searchParams.get('rows'));
    let body;
    let type = 'text/html; charset=utf-8';
    if (url.pathname === '/rrweb-record.js') {
      body = rrRecordJs;
      type = 'text/javascript';
    } else if (url.pathname === '/rrweb.html') body = fixture(rows, '/rrweb-record.js');
    else if (url.pathname === '/ours.html') body = fixture(rows, url.searchParams.get('sdk'));
    if (body === undefined) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  const port = await listen(http);
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => http.close(r)) };
}

/**
 * A TCP proxy in front of an engine that parses the client → server WebSocket frames of every
 * `/cobrowse/ws` connection: the bytes that cross the socket, not an estimate. Each message:
 * `wire` (frame headers + payload as sent), `payload` (payload as sent, compressed or not),
 * `compressed` (RSV1), `events` (an events frame) and `hash` (of the unmasked, inflated payload,
 * to match it to Playwright's).
 */
async function startWireCounter() {
  const conns = [];
  let targetPort;
  const server = createNetServer((client) => {
    const upstream = netConnect(targetPort, '127.0.0.1');
    const conn = { path: undefined, extensions: undefined, messages: [], errors: 0 };
    let head = Buffer.alloc(0);
    let buf = Buffer.alloc(0);
    // Chunks not yet joined: a multi-megabyte frame arrives in many chunks, joined once.
    let chunks = [];
    let queued = 0;
    let need = 2;
    let ws = false;
    let msg;
    const frames = () => {
      for (;;) {
        need = 2;
        if (buf.length < 2) return;
        const b0 = buf[0];
        const b1 = buf[1];
        let len = b1 & 0x7f;
        let off = 2;
        if (len === 126) {
          need = 4;
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          need = 10;
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        const masked = (b1 & 0x80) !== 0;
        const mask = masked ? buf.subarray(off, off + 4) : undefined;
        if (masked) off += 4;
        need = off + len;
        if (buf.length < need) return;
        const payload = Buffer.from(buf.subarray(off, off + len));
        if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
        buf = buf.subarray(off + len);
        const opcode = b0 & 0x0f;
        if (opcode >= 8) continue; // close / ping / pong: control frames, not messages
        if (opcode !== 0) msg = { wire: 0, payload: 0, compressed: (b0 & 0x40) !== 0, parts: [] };
        if (!msg) continue;
        msg.wire += off + len;
        msg.payload += len;
        msg.parts.push(payload);
        if (b0 & 0x80) {
          const body = Buffer.concat(msg.parts);
          let text;
          try {
            // No context takeover (the relay asks for it): each message inflates on its own.
            text = msg.compressed
              ? inflateRawSync(Buffer.concat([body, Buffer.from([0, 0, 0xff, 0xff])]), {
                  // A message ends on a sync flush, not a final block.
                  finishFlush: constants.Z_SYNC_FLUSH,
                })
              : body;
          } catch {
            conn.errors++;
          }
          conn.messages.push({
            wire: msg.wire,
            payload: msg.payload,
            compressed: msg.compressed,
            events: text !== undefined && isEventsText(text.subarray(0, 64).toString('utf8')),
            hash: text === undefined ? undefined : hash(text),
          });
          msg = undefined;
        }
      }
    };
    client.on('data', (chunk) => {
      if (ws) {
        chunks.push(chunk);
        queued += chunk.length;
        if (buf.length + queued < need) return;
        buf = Buffer.concat([buf, ...chunks]);
        chunks = [];
        queued = 0;
        return frames();
      }
      // A plain HTTP connection (bundle, token endpoint) is only relayed once its first request
      // line is known.
      if (conn.path !== undefined) return;
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const line = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      conn.path = line.split(' ')[1];
      if (conn.path?.startsWith('/cobrowse/ws')) {
        ws = true;
        conns.push(conn);
        buf = head.subarray(end + 4);
        frames();
      }
    });
    let resHead = '';
    upstream.on('data', (chunk) => {
      if (!ws || conn.extensions !== undefined) return;
      resHead += chunk.toString('latin1');
      const end = resHead.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /^sec-websocket-extensions:\s*(.*)$/im.exec(resHead.slice(0, end));
      conn.extensions = m ? m[1].trim() : '';
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const done = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', done);
    upstream.on('error', done);
    client.on('close', done);
    upstream.on('close', done);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    conns,
    // Set once the engine behind it listens (the engine needs the proxy's URL first).
    target: (p) => {
      targetPort = p;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

// ---- one run of each variant ---------------------------------------------------------------------
const newPin = () => `B${randomBytes(4).toString('hex').toUpperCase().slice(0, 5)}`;
const isEventsText = (s) => typeof s === 'string' && /^\{"v":\d+,"seq":\d+,"t":"events"/.test(s);

async function runRrweb(browser, base, rows) {
  const ctx = await browser.newContext();
  await ctx.addInitScript({ content: INIT });
  const page = await ctx.newPage();
  try {
    await page.goto(`${base}/rrweb.html?rows=${rows}`);
    // Snapshot: everything record() emits up to and including the FullSnapshot event (type 2).
    const snapshot = await page.evaluate(() => {
      const all = [];
      window.__bucket = all;
      window.rrwebRecord.record({ emit: (e) => window.__bucket.push(JSON.stringify(e)) });
      const i = all.findIndex((s) => s.startsWith('{"type":2,'));
      return all.slice(0, i + 1);
    });
    const perKind = {};
    for (const kind of ['input', 'text']) {
      const { edits } = await page.evaluate(
        ([k, n, ms]) => window.__edits(k, n, false, ms),
        [kind, PER_ROUND, INTERVAL],
      );
      perKind[kind] = edits.map(({ rr }) => ({
        events: rr.length,
        raw: rr.reduce((a, s) => a + utf8(s), 0),
        deflate: rr.reduce((a, s) => a + deflated(s), 0),
        gzip: rr.reduce((a, s) => a + gzipped(s), 0),
      }));
    }
    return {
      snapshot: {
        events: snapshot.length,
        raw: snapshot.reduce((a, s) => a + utf8(s), 0),
        deflate: snapshot.reduce((a, s) => a + deflated(s), 0),
        gzip: snapshot.reduce((a, s) => a + gzipped(s), 0),
      },
      ...perKind,
    };
  } finally {
    await ctx.close();
  }
}

/** Waits until Playwright has reported `n` events frames (framesent arrives asynchronously). */
async function waitForFrames(list, n, timeoutMs = 10_000) {
  const t0 = Date.now();
  while (list.length < n && Date.now() - t0 < timeoutMs)
    await new Promise((r) => setTimeout(r, 10));
  if (list.length < n) throw new Error(`framesent: ${list.length} of ${n} events frames reported`);
}

async function runOurs(browser, engine, proxy, base, rows) {
  const ctx = await browser.newContext();
  await ctx.addInitScript({ content: INIT });
  const page = await ctx.newPage();
  // Events frames, in order, as Playwright reports them: sizes and a hash, not the text. The
  // deflate estimate is taken for all but the re-sent full snapshots (megabytes each, and the
  // proxy measures their real compressed size anyway).
  const sent = [];
  let fulls = 0;
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/cobrowse/ws')) return;
    ws.on('framesent', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      if (!isEventsText(text)) return;
      const full = text.endsWith('"full":true}');
      sent.push({
        raw: utf8(text),
        deflateEstimate: full && fulls > 0 ? Number.NaN : deflated(text),
        hash: hash(Buffer.from(text, 'utf8')),
      });
      if (full) fulls++;
    });
  });
  const connsBefore = proxy.conns.length;
  try {
    // The SDK is loaded through the proxy, and connects back through it (its baked public URL).
    const sdk = `${proxy.url}/static/resource/sdk/${engine.sdkKey}/js/2.5.x`;
    await page.goto(`${base}/ours.html?rows=${rows}&sdk=${encodeURIComponent(sdk)}`);
    await page.evaluate(
      () =>
        new Promise((resolve, reject) =>
          window.ZoomCobrowseSDK.init({}, ({ success, session, error }) => {
            if (!success) return reject(new Error(JSON.stringify(error)));
            window.__session = session;
            resolve();
          }),
        ),
    );
    const token = await mintToken(engine, { role: 'customer', byop: true });
    await page.evaluate(
      ([t, p]) => window.__session.start({ sdkToken: t, customPinCode: p }),
      [token, newPin()],
    );
    await page.waitForFunction(() => window.__log.some(([, full]) => full), null, {
      timeout: 60_000,
      polling: 20,
    });
    // A settle pause: a snapshot_request from the relay right after connect would show up here.
    await page.waitForTimeout(300);
    const editMs = {};
    const timedOut = {};
    for (const kind of ['input', 'text']) {
      const r = await page.evaluate(
        ([k, n, ms]) => window.__edits(k, n, true, ms),
        [kind, PER_ROUND, INTERVAL],
      );
      editMs[kind] = r.ms;
      timedOut[kind] = r.edits.filter((e) => e.timedOut).length;
    }
    // A re-snapshot asked for during the last edits may still be on its way.
    await page.waitForTimeout(300);
    const log = await page.evaluate(() => window.__log);
    await waitForFrames(sent, log.length);
    await page.evaluate(() => window.__session.end?.()).catch(() => {});
    // The proxy may still be receiving the last (multi-megabyte) message.
    const conn = proxy.conns.slice(connsBefore).at(-1);
    const t0 = Date.now();
    while (
      conn &&
      conn.messages.filter((m) => m.events).length < sent.length &&
      Date.now() - t0 < 10_000
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    // Drop the run's connections from the proxy: a 5,000-row snapshot is megabytes per message.
    proxy.conns.splice(connsBefore);
    const wireEvents = (conn?.messages ?? []).filter((m) => m.events);
    // The proxy's messages must be the frames Playwright reported, in the same order.
    const matched =
      wireEvents.length === sent.length && sent.every((s, i) => wireEvents[i].hash === s.hash);
    const frame = (i) => ({
      raw: sent[i].raw,
      deflateEstimate: sent[i].deflateEstimate,
      wirePayload: matched ? wireEvents[i].payload : Number.NaN,
      wireFrame: matched ? wireEvents[i].wire : Number.NaN,
      compressed: matched ? wireEvents[i].compressed : undefined,
    });
    const sum = (idx) => {
      const parts = idx.map(frame);
      const total = (k) => parts.reduce((a, p) => a + p[k], 0);
      return {
        frames: parts.length,
        compressed: parts.length > 0 && parts.every((p) => p.compressed),
        raw: total('raw'),
        deflateEstimate: total('deflateEstimate'),
        wirePayload: total('wirePayload'),
        wireFrame: total('wireFrame'),
      };
    };
    const idx = (pred) => log.flatMap((entry, i) => (pred(entry) ? [i] : []));
    // Snapshot: the setup frames up to and including the first full one (normally just that one).
    const firstFull = log.findIndex(([, full]) => full);
    const snapshot = {
      ...sum(Array.from({ length: firstFull + 1 }, (_, i) => i)),
      bufferedAfterSend: log[firstFull][3],
    };
    // Full snapshots sent after it (the relay asked again, or the SDK replaced dropped edits): a
    // cost of the session, not of one edit.
    const later = idx(([, full]) => full).filter((i) => i > firstFull);
    const resnapshots = {
      ...sum(later),
      byLabel: later.map((i) => log[i][0]),
      atMs: later.map((i) => round2(log[i][2] - log[firstFull][2])),
      bufferedAfterSend: later.map((i) => log[i][3]),
    };
    const result = {
      snapshot,
      resnapshots,
      editMs,
      timedOut,
      matched,
      extensions: conn?.extensions,
      inflateErrors: conn?.errors ?? 0,
    };
    for (const kind of ['input', 'text']) {
      result[kind] = Array.from({ length: PER_ROUND }, (_, i) =>
        sum(idx(([label, full]) => !full && label === `${kind}:${i}`)),
      );
    }
    return result;
  } finally {
    await ctx.close();
  }
}

// ---- main --------------------------------------------------------------------------------------
// The relay bakes its public URL into the bundle it serves and the SDK connects there: the proxy's
// URL, so the customer's socket goes through the proxy. The engine then reports that URL as its
// own, so it listens on a port picked here.
async function freePort() {
  const s = createNetServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}
const proxies = { ours: await startWireCounter(), oursDeflate: await startWireCounter() };
const engines = {};
for (const [name, extra] of [
  ['ours', {}],
  ['oursDeflate', { compression: true }],
]) {
  const port = await freePort();
  proxies[name].target(port);
  engines[name] = await startEngine({
    port,
    serverOptions: { publicUrl: proxies[name].url, ...extra },
  });
}
const site = await startPageServer();
const launchOptions = chromiumLaunchOptions();
const browser = await chromium.launch(launchOptions);

const variants = {
  rrweb: (rows) => runRrweb(browser, site.url, rows),
  ours: (rows) => runOurs(browser, engines.ours, proxies.ours, site.url, rows),
  oursDeflate: (rows) => runOurs(browser, engines.oursDeflate, proxies.oursDeflate, site.url, rows),
};
const KINDS = ['input', 'text'];
// data[rows][variant] = { snapshots: [per round], input: [per edit], text: [per edit], … }
const data = Object.fromEntries(
  ROWS.map((r) => [
    r,
    Object.fromEntries(
      Object.keys(variants).map((v) => [
        v,
        {
          snapshots: [],
          input: [],
          text: [],
          missing: 0,
          timedOut: 0,
          resnapshots: [],
          editMs: 0,
        },
      ]),
    ),
  ]),
);
const checks = { unmatchedRuns: 0, inflateErrors: 0, extensions: {} };
const perRound = [];
console.error(
  `bytes: ${ROUNDS} rounds × ${PER_ROUND} input edits + ${PER_ROUND} text-node changes per variant, fixtures ${ROWS.join(' / ')} rows`,
);
const started = Date.now();
try {
  for (let round = 0; round < ROUNDS; round++) {
    // rrweb, ours, oursDeflate then the reverse: drift on a shared machine hits every variant alike.
    const order = Object.keys(variants);
    if (round % 2 === 1) order.reverse();
    const row = { round, order };
    for (const rows of ROWS) {
      row[rows] = {};
      for (const name of order) {
        const t0 = Date.now();
        const r = await variants[name](rows);
        const d = data[rows][name];
        d.snapshots.push(r.snapshot);
        for (const kind of KINDS) {
          // An edit that produced nothing (or whose frame never came) is counted, not averaged in.
          for (const e of r[kind]) {
            if (e.frames === 0 || e.events === 0) d.missing++;
            else d[kind].push(e);
          }
        }
        if (r.resnapshots) {
          d.resnapshots.push(r.resnapshots);
          d.editMs += r.editMs.input + r.editMs.text;
          d.timedOut += r.timedOut.input + r.timedOut.text;
        }
        if (process.env.BYTES_VERBOSE) {
          console.error(
            `    ${rows} rows ${name}: ${Date.now() - t0} ms${r.editMs ? ` (edits ${Math.round(r.editMs.input + r.editMs.text)} ms, re-snapshots ${r.resnapshots.frames} at ${r.resnapshots.atMs.join(', ')} ms)` : ''}, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
          );
        }
        if (r.matched === false) checks.unmatchedRuns++;
        checks.inflateErrors += r.inflateErrors ?? 0;
        if (r.extensions !== undefined) checks.extensions[name] = r.extensions;
        row[rows][name] = { snapshotRaw: r.snapshot.raw };
      }
    }
    perRound.push(row);
    console.error(
      `  round ${round}: ${ROWS.map((n) => `${n} rows snapshot ${order.map((v) => `${v} ${row[n][v].snapshotRaw}`).join(' / ')} B`).join(' · ')}`,
    );
  }
} finally {
  await browser.close();
  await site.close();
  for (const p of Object.values(proxies)) await p.close();
  for (const e of Object.values(engines)) await e.close();
}

// ---- summary -----------------------------------------------------------------------------------
// A run whose proxy count did not match Playwright's has NaN wire figures (checks.unmatchedRuns):
// left out of the statistics rather than turning them into NaN.
const pick = (list, k) => list.map((x) => x[k]).filter(Number.isFinite);
const spread = (xs) => ({ median: stats(xs).p50, min: Math.min(...xs), max: Math.max(...xs) });
const ratio = (a, b) => round2(a / b);
// Snapshots agree to a few bytes in a megabyte: four decimals, or every ratio reads 1.
const ratio4 = (a, b) => Math.round((a / b) * 10_000) / 10_000;
const fixtures = {};
for (const rows of ROWS) {
  const d = data[rows];
  const snapshot = {
    rrweb: {
      raw: spread(pick(d.rrweb.snapshots, 'raw')),
      deflate: spread(pick(d.rrweb.snapshots, 'deflate')),
      gzip: spread(pick(d.rrweb.snapshots, 'gzip')),
      events: d.rrweb.snapshots[0]?.events,
    },
  };
  for (const v of ['ours', 'oursDeflate']) {
    snapshot[v] = {
      raw: spread(pick(d[v].snapshots, 'raw')),
      deflateEstimate: spread(pick(d[v].snapshots, 'deflateEstimate')),
      wirePayload: spread(pick(d[v].snapshots, 'wirePayload')),
      wireFrame: spread(pick(d[v].snapshots, 'wireFrame')),
      compressedOnWire: d[v].snapshots.every((s) => s.compressed),
      frames: d[v].snapshots[0]?.frames,
      bufferedAfterSend: spread(pick(d[v].snapshots, 'bufferedAfterSend')),
    };
    // Full snapshots the relay asked for again while the edits ran (its checkpoint overflowed):
    // bytes the edits cause that no per-edit figure shows. Their rate depends on how long the
    // edits took, so it is given per minute of editing.
    const re = d[v].resnapshots;
    const count = re.reduce((a, x) => a + x.frames, 0);
    snapshot[v].resnapshotsDuringEdits = {
      count,
      perRun: re.map((x) => x.frames),
      raw: re.reduce((a, x) => a + x.raw, 0),
      wirePayload: re.reduce((a, x) => a + x.wirePayload, 0),
      editMinutes: round2(d[v].editMs / 60_000),
      perMinute: round2(count / (d[v].editMs / 60_000)),
      firstAtMs: re.map((x) => x.atMs[0] ?? null),
      // ws.bufferedAmount right after each re-sent snapshot (the SDK drops batches above 4 MiB).
      bufferedAfterSend: re.length ? stats(re.flatMap((x) => x.bufferedAfterSend)) : undefined,
    };
    // Everything the edits put on the wire (their own frames + those snapshots) per edit: what a
    // session at this pace pays, as against the per-edit figures below.
    const edits = KINDS.reduce((a, k) => a + d[v][k].length, 0) + d[v].missing;
    const own = (key) => KINDS.reduce((a, k) => a + d[v][k].reduce((b, e) => b + e[key], 0), 0);
    snapshot[v].allEditTrafficPerEdit = {
      raw: Math.round((own('raw') + snapshot[v].resnapshotsDuringEdits.raw) / edits),
      wirePayload: Math.round(
        (own('wirePayload') + snapshot[v].resnapshotsDuringEdits.wirePayload) / edits,
      ),
    };
  }
  const perEdit = {};
  for (const kind of KINDS) {
    perEdit[kind] = {
      rrweb: {
        raw: stats(pick(d.rrweb[kind], 'raw')),
        deflate: stats(pick(d.rrweb[kind], 'deflate')),
        gzip: stats(pick(d.rrweb[kind], 'gzip')),
        eventsPerEdit: stats(pick(d.rrweb[kind], 'events')).p50,
      },
    };
    for (const v of ['ours', 'oursDeflate']) {
      perEdit[kind][v] = {
        raw: stats(pick(d[v][kind], 'raw')),
        deflateEstimate: stats(pick(d[v][kind], 'deflateEstimate')),
        wirePayload: stats(pick(d[v][kind], 'wirePayload')),
        wireFrame: stats(pick(d[v][kind], 'wireFrame')),
        compressedOnWire: d[v][kind].length > 0 && d[v][kind].every((e) => e.compressed),
        framesPerEdit: stats(pick(d[v][kind], 'frames')).p50,
      };
    }
  }
  const s = snapshot;
  // Raw against raw (what the default engine carries) and compressed against compressed (the
  // compression engine's measured payload against rrweb's JSON deflated per event). Chromium's
  // deflate and node's zlib differ by a few bytes in ten thousand, so the same zlib on both sides
  // is given too (snapshotCompressedSameZlib: our payload through deflateRawSync).
  const ratios = {
    snapshotRaw: ratio4(s.ours.raw.median, s.rrweb.raw.median),
    snapshotCompressed: ratio4(s.oursDeflate.wirePayload.median, s.rrweb.deflate.median),
    snapshotCompressedSameZlib: ratio4(s.ours.deflateEstimate.median, s.rrweb.deflate.median),
    snapshotDefaultEngineOnWire: ratio4(s.ours.wirePayload.median, s.rrweb.raw.median),
  };
  for (const kind of KINDS) {
    const e = perEdit[kind];
    ratios[`${kind}RawP50`] = ratio(e.ours.raw.p50, e.rrweb.raw.p50);
    ratios[`${kind}RawP95`] = ratio(e.ours.raw.p95, e.rrweb.raw.p95);
    ratios[`${kind}CompressedP50`] = ratio(e.oursDeflate.wirePayload.p50, e.rrweb.deflate.p50);
    ratios[`${kind}CompressedP95`] = ratio(e.oursDeflate.wirePayload.p95, e.rrweb.deflate.p95);
  }
  // Targets compare the bytes themselves, not the rounded ratios.
  const pe = perEdit;
  const le = (a, b) => a <= b;
  fixtures[rows] = {
    snapshot,
    perEdit,
    ratios,
    targets: {
      snapshotAtMostRrweb: {
        raw: le(s.ours.raw.median, s.rrweb.raw.median),
        compressed: le(s.oursDeflate.wirePayload.median, s.rrweb.deflate.median),
        compressedSameZlib: le(s.ours.deflateEstimate.median, s.rrweb.deflate.median),
      },
      perEditAtMostRrweb: Object.fromEntries(
        KINDS.map((k) => [
          k,
          {
            raw: le(pe[k].ours.raw.p50, pe[k].rrweb.raw.p50),
            compressed: le(pe[k].oursDeflate.wirePayload.p50, pe[k].rrweb.deflate.p50),
          },
        ]),
      ),
      compressionOnTheWireByDefault: s.ours.compressedOnWire,
    },
    // Edits with no frame of their own: for ours, dropped under back-pressure (the SDK sends a
    // full snapshot instead once the socket drains); timedOut: not even that within 10 s.
    missing: Object.fromEntries(Object.entries(d).map(([v, x]) => [v, x.missing])),
    timedOut: Object.fromEntries(Object.entries(d).map(([v, x]) => [v, x.timedOut])),
  };
}
const defaultCompressed = ROWS.every((r) => fixtures[r].snapshot.ours.compressedOnWire);
const optInCompressed = ROWS.every((r) => fixtures[r].snapshot.oursDeflate.compressedOnWire);

const result = {
  name: 'bytes',
  unit: 'bytes',
  description:
    'full-snapshot bytes and bytes per edit sent by the customer page: our CDN customer SDK (frames counted with Playwright framesent and on the socket by a proxy) vs plain @rrweb/record (JSON.stringify per event; deflate-raw and gzip per event as compressed baselines)',
  config: {
    rows: ROWS,
    rounds: ROUNDS,
    editsPerRoundPerKindPerVariant: PER_ROUND,
    ratePerSecond: RATE > 0 ? RATE : 'back to back (next edit once the previous frame is sent)',
    kinds: {
      input: 'text edit of an <input> (value grows a character at a time), one per task',
      text: 'text-node change of a status cell (row i mod N), one per task',
    },
    order: 'per fixture: rrweb, ours, oursDeflate; reversed on odd rounds',
    snapshotDeterministic:
      'same DOM and node ids every round; only timestamps and seq vary (spread reported as min/max)',
    compressedBaseline:
      'each rrweb event JSON compressed on its own (deflateRawSync / gzipSync, zlib level 6), as permessage-deflate without context takeover does per message',
  },
  engine: {
    compressionDefault:
      'off: createCobrowseServer `compression` defaults to false, startEngine() does not set it, the CLI has no flag',
    negotiated: checks.extensions,
    defaultEngineCompressesClientFrames: defaultCompressed,
    compressionEngineCompressesClientFrames: optInCompressed,
  },
  fixtures,
  checks: {
    proxyMatchesFramesent: checks.unmatchedRuns === 0,
    unmatchedRuns: checks.unmatchedRuns,
    inflateErrors: checks.inflateErrors,
  },
  perRound,
  durationMs: Date.now() - started,
  env: environment({
    browser: `${launchOptions.executablePath ?? 'playwright chromium'} ${browser.version()}`,
    versions: {
      playwright: versionOf('@playwright/test'),
      '@rrweb/record': versionOf('@rrweb/record'),
      esbuild: versionOf('esbuild'),
      '@cobrowse-kit/test-harness': require('@cobrowse-kit/test-harness/package.json').version,
    },
  }),
};
const file = writeResult('bytes', result);

const fmt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));
console.log(
  `bytes (${ROUNDS} rounds, ${PER_ROUND} edits of each kind per round per variant; payload bytes, frame headers apart)`,
);
console.log(
  `  engine: compression off by default (negotiated: "${checks.extensions.ours ?? ''}"); with compression: true: "${checks.extensions.oursDeflate ?? ''}"`,
);
for (const rows of ROWS) {
  const f = fixtures[rows];
  const s = f.snapshot;
  console.log(`  ${rows} rows`);
  console.log(
    `    snapshot  rrweb ${fmt(s.rrweb.raw.median)} (deflate ${fmt(s.rrweb.deflate.median)}, gzip ${fmt(s.rrweb.gzip.median)})   ours ${fmt(s.ours.raw.median)} (on the wire ${fmt(s.ours.wirePayload.median)})   ours+deflate on the wire ${fmt(s.oursDeflate.wirePayload.median)} (estimate ${fmt(s.oursDeflate.deflateEstimate.median)})   ratio raw ${f.ratios.snapshotRaw}×, compressed ${f.ratios.snapshotCompressed}×`,
  );
  for (const v of ['ours', 'oursDeflate']) {
    const re = s[v].resnapshotsDuringEdits;
    if (re.count || f.missing[v]) {
      console.log(
        `    ${v}: ${re.count} full snapshots re-sent during the edits (${re.perMinute}/min, ${fmt(re.wirePayload)} B on the wire); ${f.missing[v]} edits without a frame of their own; all edit traffic ${fmt(s[v].allEditTrafficPerEdit.wirePayload)} B/edit on the wire`,
      );
    }
  }
  for (const kind of KINDS) {
    const e = f.perEdit[kind];
    console.log(
      `    ${kind.padEnd(5)} p50/p95  rrweb ${e.rrweb.raw.p50}/${e.rrweb.raw.p95} (deflate ${e.rrweb.deflate.p50}/${e.rrweb.deflate.p95}, gzip ${e.rrweb.gzip.p50}/${e.rrweb.gzip.p95})   ours ${e.ours.raw.p50}/${e.ours.raw.p95} (on the wire ${e.ours.wirePayload.p50})   ours+deflate on the wire ${e.oursDeflate.wirePayload.p50}/${e.oursDeflate.wirePayload.p95}   ratio raw ${f.ratios[`${kind}RawP50`]}×, compressed ${f.ratios[`${kind}CompressedP50`]}×`,
    );
  }
}
const met = (x) => (x ? 'met' : 'NOT met');
for (const r of ROWS) {
  const t = fixtures[r].targets;
  console.log(
    `  targets ${r} rows (reported, not asserted): snapshot ≤ rrweb raw ${met(t.snapshotAtMostRrweb.raw)}, compressed ${met(t.snapshotAtMostRrweb.compressed)} (same zlib ${met(t.snapshotAtMostRrweb.compressedSameZlib)}); per edit p50 ≤ rrweb: ${KINDS.map((k) => `${k} raw ${met(t.perEditAtMostRrweb[k].raw)}, compressed ${met(t.perEditAtMostRrweb[k].compressed)}`).join('; ')}`,
  );
}
console.log(
  `  compression on the wire: default engine ${defaultCompressed ? 'yes' : 'NO'}; with compression: true ${optInCompressed ? 'yes' : 'NO'}; proxy matches framesent: ${result.checks.proxyMatchesFramesent ? 'yes' : `NO (${checks.unmatchedRuns} runs)`}`,
);
console.log(`  → ${file}`);
