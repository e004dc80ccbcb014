#!/usr/bin/env node
// latency: customer text edit → value applied in the agent's live view.
//
// Three variants, interleaved in the same run, in one Chromium with two browser contexts
// (customer, agent), timestamps taken inside the pages (performance.timeOrigin + now(): the
// same machine clock in both renderer processes):
//   subject  — our customer SDK → @cobrowse-kit/server relay → our agent SDK (rrweb replayer iframe)
//   floor    — (a) raw page → same relay → page: the relay's own ping/pong round trip
//   rrweb    — (b) plain @rrweb/record → raw `ws` broadcast server → @rrweb/replay Replayer liveMode
// The agent side detects the edit with a hook on the mirror iframe's HTMLInputElement `value`
// setter (the replayer applies input events by setting `.value`), so the time is when the mirror
// DOM changes; the browser paints it in that same frame (the replayer runs on rAF).
//
// Env: LATENCY_EDITS (per variant, all rounds together; default 300), LATENCY_ROUNDS (default 6),
// LATENCY_RATE (edits per second, default 100), LATENCY_WARMUP (edits per round not counted,
// default 5). Output: bench-results/latency.json.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { chromiumLaunchOptions, mintToken, startEngine } from '@cobrowse-kit/test-harness';
import { chromium } from '@playwright/test';
import { WebSocketServer } from 'ws';
import {
  browserBundle,
  envInt,
  environment,
  round2,
  stats,
  versionOf,
  writeResult,
} from './lib.mjs';

const ROUNDS = envInt('LATENCY_ROUNDS', 6);
const TOTAL = envInt('LATENCY_EDITS', 300);
const RATE = envInt('LATENCY_RATE', 100);
const WARMUP = Number(process.env.LATENCY_WARMUP ?? 5);
const PER_ROUND = Math.max(1, Math.ceil(TOTAL / ROUNDS));
const INTERVAL = 1000 / RATE;
const FRAME_MS = 16.7;
const FRONT = process.env.LATENCY_AGENT_FRONT !== '0';
const require = createRequire(import.meta.url);

// ---- browser bundles of plain rrweb (baseline b) ----------------------------------------------
const rrRecordJs = await browserBundle("export { record } from '@rrweb/record';", 'rrwebRecord');
const rrReplayJs = await browserBundle("export { Replayer } from '@rrweb/replay';", 'rrwebReplay');

// Opt-in experiment (LATENCY_BATCH_MS=n): our customer SDK built from packages/sdk/src with the
// batcher's interval set to n ms instead of its 16 ms default, as an extra variant `subjectBatch`.
// Nothing in packages/ is changed; this only shows what the batch interval costs.
const BATCH_MS =
  process.env.LATENCY_BATCH_MS === undefined ? undefined : Number(process.env.LATENCY_BATCH_MS);
const sdkSrc = new URL('../../packages/sdk/src/', import.meta.url).pathname;
const expCustomerJs =
  BATCH_MS === undefined
    ? ''
    : await browserBundle(
        `import { createCustomerSdk } from '${sdkSrc}customer/session.ts';
import { createRecorder } from '${sdkSrc}mirror/record.ts';
window.ZoomCobrowseSDK = createCustomerSdk({
  requirePin: false, serverUrl: (s) => s.serverUrl, createRecorder, batchMs: ${BATCH_MS},
});`,
        'benchExperiment',
      );

// ---- page scripts ----------------------------------------------------------------------------
// The customer-side driver: N edits at a fixed rate on absolute deadlines (no drift), timestamp
// taken right before the value is set.
const DRIVER = `
window.__runEdits = (tag, n, intervalMs) => new Promise((resolve) => {
  const el = document.getElementById('field');
  const sent = [];
  const t0 = performance.now();
  let i = 0;
  const tick = () => {
    sent.push(performance.timeOrigin + performance.now());
    el.value = tag + i;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    i++;
    if (i < n) setTimeout(tick, Math.max(0, t0 + i * intervalMs - performance.now()));
    else resolve(sent);
  };
  tick();
});`;

// The agent-side probe: hooks the value setter of every same-origin iframe's HTMLInputElement
// (the mirror iframe; re-checked every 20 ms because a full snapshot rebuilds the replayer).
const PROBE = `
window.__recv = [];
(() => {
  const hook = (win) => {
    if (!win || win.__benchHooked) return;
    const proto = win.HTMLInputElement.prototype;
    const d = Object.getOwnPropertyDescriptor(proto, 'value');
    Object.defineProperty(proto, 'value', {
      configurable: true,
      enumerable: d.enumerable,
      get: d.get,
      set(v) {
        d.set.call(this, v);
        if (this.id === 'field') window.__recv.push([String(v), performance.timeOrigin + performance.now()]);
      },
    });
    win.__benchHooked = true;
  };
  const scan = (doc) => {
    for (const f of doc.querySelectorAll('iframe')) {
      try {
        const w = f.contentWindow;
        if (w && w.document) { hook(w); scan(w.document); }
      } catch {}
    }
  };
  setInterval(() => scan(document), 20);
})();`;

const CONTENT = `<h1>Checkout</h1>
<p>Latency benchmark page: one text field, a little static content.</p>
<ul>${Array.from({ length: 20 }, (_, i) => `<li>Item ${i} <b>€${i}.00</b></li>`).join('')}</ul>
<label for="field">Note</label> <input id="field" type="text" autocomplete="off">`;

const page = (head, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title>${head}</head><body>${body}</body></html>`;

function pages(engine, rrWsUrl) {
  const sdk = `${engine.url}/static/resource/sdk/${engine.sdkKey}`;
  return {
    '/subject-customer.html': page(
      `<script src="${sdk}/js/2.5.x" onerror="console.error('customer SDK failed to load')"></script>`,
      `${CONTENT}<script>${DRIVER}
window.__ready = new Promise((resolve, reject) => {
  ZoomCobrowseSDK.init({}, ({ success, session, error }) => {
    if (!success) return reject(new Error(JSON.stringify(error)));
    window.__session = session;
    window.__pin = new Promise((r) => session.on('pincode_updated', (e) => r(e.pinCode || e.pincode)));
    window.__agent = new Promise((r) => session.on('agent_joined', r));
    session.on('session_error', (e) => console.error('session_error', JSON.stringify(e)));
    resolve();
  });
});</script>`,
    ),
    '/subject-exp-customer.html': page(
      '<script src="/exp-customer.js"></script>',
      `${CONTENT}<script>${DRIVER}
window.__ready = new Promise((resolve, reject) => {
  ZoomCobrowseSDK.init({ serverUrl: ${JSON.stringify(engine.url)} }, ({ success, session, error }) => {
    if (!success) return reject(new Error(JSON.stringify(error)));
    window.__session = session;
    window.__pin = new Promise((r) => session.on('pincode_updated', (e) => r(e.pinCode || e.pincode)));
    window.__agent = new Promise((r) => session.on('agent_joined', r));
    resolve();
  });
});</script>`,
    ),
    '/exp-customer.js': expCustomerJs,
    '/subject-agent.html': page(
      `<script src="${sdk}/agent/js/2.5.x" onerror="console.error('agent SDK failed to load')"></script>`,
      `<div id="root" style="width:1024px;height:700px"></div><script>${PROBE}
window.__ready = new Promise((resolve, reject) => {
  ZoomCobrowseAgentSDK.init({ zoomAppRoot: document.getElementById('root') }, ({ success, session, error }) => {
    if (!success) return reject(new Error(JSON.stringify(error)));
    window.__session = session;
    window.__joined = new Promise((r) => session.on('session_joined', r));
    session.on('session_error', (e) => console.error('session_error', JSON.stringify(e)));
    resolve();
  });
});</script>`,
    ),
    '/rrweb-customer.html': page(
      '<script src="/rrweb-record.js"></script>',
      `${CONTENT}<script>${DRIVER}
window.__start = (room) => new Promise((resolve) => {
  const ws = new WebSocket(${JSON.stringify(rrWsUrl)} + '?room=' + room);
  ws.onopen = () => {
    window.__stop = rrwebRecord.record({ emit: (e) => ws.send(JSON.stringify(e)) });
    resolve();
  };
});</script>`,
    ),
    '/rrweb-agent.html': page(
      '<script src="/rrweb-replay.js"></script>',
      `<div id="root" style="width:1024px;height:700px"></div><script>${PROBE}
// restamp = false: rrweb's documented live pattern, startLive(FIRST_EVENT.timestamp - BUFFER),
// BUFFER = 0. restamp = true: each event restamped with its arrival time (what the SDK does),
// so it plays on the next animation frame: the best case of plain rrweb.
window.__start = (room, restamp) => new Promise((resolve) => {
  let replayer;
  let last = 0;
  const ws = new WebSocket(${JSON.stringify(rrWsUrl)} + '?room=' + room);
  ws.onmessage = (m) => {
    const e = JSON.parse(m.data);
    if (restamp) e.timestamp = last = Math.max(Date.now(), last);
    if (!replayer) {
      replayer = new rrwebReplay.Replayer([], {
        root: document.getElementById("root"), liveMode: true, useVirtualDom: false, mouseTail: false, showWarning: false, triggerFocus: false,
      });
      replayer.startLive(e.timestamp);
    }
    replayer.addEvent(e);
  };
  ws.onopen = () => resolve();
});</script>`,
    ),
    '/ping.html': page(
      '',
      `<script>
window.__ping = (wsUrl, token, pin, n, intervalMs) => new Promise((resolve, reject) => {
  const ws = new WebSocket(wsUrl);
  let seq = 0;
  const send = (f) => ws.send(JSON.stringify({ v: 1, seq: ++seq, ...f }));
  const sent = [];
  const rtt = [];
  ws.onopen = () => send({ t: 'hello', role: 'customer', action: 'start', token, pin });
  ws.onerror = () => reject(new Error('ping socket error'));
  ws.onmessage = (m) => {
    const f = JSON.parse(m.data);
    if (f.t === 'error') reject(new Error(m.data));
    if (f.t === 'welcome') {
      const t0 = performance.now();
      let i = 0;
      const tick = () => {
        sent[i] = performance.now();
        send({ t: 'ping', at: i });
        i++;
        if (i < n) setTimeout(tick, Math.max(0, t0 + i * intervalMs - performance.now()));
      };
      tick();
    }
    if (f.t === 'pong') {
      rtt[f.at] = performance.now() - sent[f.at];
      if (rtt.filter((x) => x !== undefined).length === n) { ws.close(); resolve(rtt); }
    }
  };
});</script>`,
    ),
    '/rrweb-record.js': rrRecordJs,
    '/rrweb-replay.js': rrReplayJs,
  };
}

// ---- servers -----------------------------------------------------------------------------------
function listen(server) {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.address().port)),
  );
}

/** Baseline b's relay: a raw ws broadcast server (every message to every other client of a room). */
async function startBroadcast() {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const rooms = new Map();
  wss.on('connection', (ws, req) => {
    const room = new URL(req.url ?? '/', 'http://x').searchParams.get('room') ?? '';
    if (!rooms.has(room)) rooms.set(room, new Set());
    const peers = rooms.get(room);
    peers.add(ws);
    ws.on('message', (data, isBinary) => {
      for (const p of peers) if (p !== ws && p.readyState === 1) p.send(data, { binary: isBinary });
    });
    ws.on('close', () => peers.delete(ws));
  });
  const port = await listen(http);
  return {
    url: `ws://127.0.0.1:${port}/`,
    close: () =>
      new Promise((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => http.close(() => r()));
      }),
  };
}

async function startPageServer(files) {
  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = files[path];
    if (body === undefined) return res.writeHead(404).end();
    res
      .writeHead(200, {
        'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      })
      .end(body);
  });
  const port = await listen(http);
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => http.close(r)) };
}

// ---- one measured run of each variant --------------------------------------------------------
const newPin = () => `B${randomBytes(4).toString('hex').toUpperCase().slice(0, 5)}`;

/** Matches sent[i] with the first time the agent saw value tag+i. */
function latencies(tag, sent, recv) {
  const seen = new Map();
  for (const [v, t] of recv) {
    if (!v.startsWith(tag)) continue;
    const i = Number(v.slice(tag.length));
    if (!seen.has(i)) seen.set(i, t);
  }
  const out = [];
  let missing = 0;
  for (let i = WARMUP; i < sent.length; i++) {
    const t = seen.get(i);
    if (t === undefined) missing++;
    else out.push(t - sent[i]);
  }
  return { values: out, missing };
}

async function waitForRecv(agentPage, tag, n, timeoutMs = 15_000) {
  const last = `${tag}${n - 1}`;
  await agentPage
    .waitForFunction((v) => window.__recv.some(([x]) => x === v), last, {
      timeout: timeoutMs,
      polling: 50,
    })
    .catch(() => {});
  await agentPage.waitForTimeout(200); // stragglers, if any arrived out of order
  return agentPage.evaluate(() => window.__recv);
}

async function runSubject(ctx, engine, base, round, experiment = false) {
  const [cp, ap] = [await ctx.customer.newPage(), await ctx.agent.newPage()];
  try {
    const t = [performance.now()];
    await cp.goto(`${base}/${experiment ? 'subject-exp-customer' : 'subject-customer'}.html`);
    await cp.evaluate(() => window.__ready);
    t.push(performance.now());
    const token = await mintToken(engine, { role: 'customer', byop: true });
    const pin = newPin();
    await cp.evaluate(
      ([t, p]) => window.__session.start({ sdkToken: t, customPinCode: p }),
      [token, pin],
    );
    const shownPin = await cp.evaluate(() => window.__pin);
    t.push(performance.now());
    await ap.goto(`${base}/subject-agent.html`);
    await ap.evaluate(() => window.__ready);
    t.push(performance.now());
    const agentToken = await mintToken(engine, { role: 'agent' });
    await ap.evaluate(
      ([t, p]) => window.__session.join({ sdkToken: t, pinCode: p }),
      [agentToken, shownPin],
    );
    await ap.evaluate(() => window.__joined);
    t.push(performance.now());
    await cp.evaluate(() => window.__agent);
    // The mirror is up when the mirrored field exists and the probe has hooked its window.
    await ap.waitForFunction(
      () => {
        const f = document.querySelector('iframe');
        const w = f?.contentWindow;
        return !!(w?.__benchHooked && w.document.getElementById('field'));
      },
      null,
      { timeout: 15_000, polling: 50 },
    );
    t.push(performance.now());
    const d = (i) => round2(t[i + 1] - t[i]);
    // Where a pairing's time goes, without the test harness (token minting included; the
    // first-frame step has up to 50 ms of polling in it).
    const setupMs = {
      customerLoad: d(0),
      startToPin: d(1),
      agentLoad: d(2),
      join: d(3),
      firstFrame: d(4),
    };
    const tag = `${experiment ? 'e' : 's'}${round}x`;
    // Every variant: the agent page in front (the replayer runs on requestAnimationFrame).
    if (FRONT) await ap.bringToFront();
    const sent = await cp.evaluate(
      ([t, n, ms]) => window.__runEdits(t, n, ms),
      [tag, PER_ROUND, INTERVAL],
    );
    const recv = await waitForRecv(ap, tag, PER_ROUND);
    await cp.evaluate(() => window.__session.end?.()).catch(() => {});
    return { ...latencies(tag, sent, recv), setupMs };
  } finally {
    await cp.close();
    await ap.close();
  }
}

async function runRrweb(ctx, base, round, restamp) {
  const [cp, ap] = [await ctx.customer.newPage(), await ctx.agent.newPage()];
  try {
    const room = `r${round}-${randomBytes(4).toString('hex')}`;
    await ap.goto(`${base}/rrweb-agent.html`);
    await ap.evaluate(([r, x]) => window.__start(r, x), [room, restamp]);
    await cp.goto(`${base}/rrweb-customer.html`);
    await cp.evaluate((r) => window.__start(r), room);
    await ap.waitForFunction(
      () => {
        const w = document.querySelector('iframe')?.contentWindow;
        return !!(w?.__benchHooked && w.document.getElementById('field'));
      },
      null,
      { timeout: 15_000, polling: 50 },
    );
    const tag = `${restamp ? 'c' : 'b'}${round}x`;
    // Every variant: the agent page in front (the replayer runs on requestAnimationFrame).
    if (FRONT) await ap.bringToFront();
    const sent = await cp.evaluate(
      ([t, n, ms]) => window.__runEdits(t, n, ms),
      [tag, PER_ROUND, INTERVAL],
    );
    const recv = await waitForRecv(ap, tag, PER_ROUND);
    return latencies(tag, sent, recv);
  } finally {
    await cp.close();
    await ap.close();
  }
}

async function runFloor(ctx, engine, base) {
  const p = await ctx.customer.newPage();
  try {
    await p.goto(`${base}/ping.html`);
    const token = await mintToken(engine, { role: 'customer', byop: true });
    const wsUrl = `${engine.url.replace(/^http/, 'ws')}/cobrowse/ws`;
    const rtt = await p.evaluate(
      ([u, t, pin, n, ms]) => window.__ping(u, t, pin, n, ms),
      [wsUrl, token, newPin(), PER_ROUND, INTERVAL],
    );
    return { values: rtt.slice(WARMUP), missing: 0 };
  } finally {
    await p.close();
  }
}

// ---- main --------------------------------------------------------------------------------------
const engine = await startEngine();
const broadcast = await startBroadcast();
const site = await startPageServer(pages(engine, broadcast.url));
const launchOptions = chromiumLaunchOptions();
const browser = await chromium.launch(launchOptions);
const ctx = { customer: await browser.newContext(), agent: await browser.newContext() };
for (const c of [ctx.customer, ctx.agent]) {
  c.on('weberror', (e) => console.error('page error:', e.error().message));
  c.on('requestfailed', (r) => console.error('request failed:', r.url(), r.failure()?.errorText));
  c.on('console', (m) => m.type() === 'error' && console.error('page console:', m.text()));
}

const variants = {
  subject: () => runSubject(ctx, engine, site.url, round),
  floor: () => runFloor(ctx, engine, site.url),
  rrweb: () => runRrweb(ctx, site.url, round, false),
  rrwebRestamp: () => runRrweb(ctx, site.url, round, true),
  ...(BATCH_MS === undefined
    ? {}
    : { subjectBatch: () => runSubject(ctx, engine, site.url, round, true) }),
};
const all = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
const missing = Object.fromEntries(Object.keys(variants).map((k) => [k, 0]));
const perRound = [];
let round = 0;
console.error(
  `latency: ${ROUNDS} rounds × ${PER_ROUND} edits per variant at ${RATE}/s (first ${WARMUP} per round not counted)`,
);
const started = Date.now();
try {
  for (round = 0; round < ROUNDS; round++) {
    // ABC then CBA…: drift on a shared machine hits every variant alike.
    const order = Object.keys(variants);
    if (round % 2 === 1) order.reverse();
    const row = { round, order };
    for (const name of order) {
      const r = await variants[name]();
      all[name].push(...r.values);
      missing[name] += r.missing;
      row[name] = {
        ...stats(r.values),
        missing: r.missing,
        ...(r.setupMs ? { setupMs: r.setupMs } : {}),
      };
    }
    perRound.push(row);
    console.error(`  round ${round}: ${order.map((k) => `${k} p50 ${row[k].p50} ms`).join(' · ')}`);
  }
} finally {
  await browser.close();
  await site.close();
  await broadcast.close();
  await engine.close();
}

const s = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, stats(v)]));
const setupSteps = ['customerLoad', 'startToPin', 'agentLoad', 'join', 'firstFrame'];
const subjectSetupMedianMs = Object.fromEntries(
  setupSteps.map((k) => [k, stats(perRound.map((r) => r.subject.setupMs[k])).p50]),
);
const targets = {
  p50WithinFloorPlusFrame: {
    limitMs: round2(s.floor.p50 + FRAME_MS),
    actualMs: s.subject.p50,
    met: s.subject.p50 <= s.floor.p50 + FRAME_MS,
  },
  p95Within50ms: { limitMs: 50, actualMs: s.subject.p95, met: s.subject.p95 <= 50 },
  ratioVsRrwebAtMost1: {
    p50: round2(s.subject.p50 / s.rrweb.p50),
    p95: round2(s.subject.p95 / s.rrweb.p95),
    met: s.subject.p50 <= s.rrweb.p50,
  },
};
const result = {
  name: 'latency',
  unit: 'ms',
  description:
    'customer text edit → value applied in the agent mirror (in-page timestamps, shared clock); floor = relay ping round trip (page → relay → page)',
  config: {
    rounds: ROUNDS,
    editsPerRoundPerVariant: PER_ROUND,
    ratePerSecond: RATE,
    warmupPerRound: WARMUP,
    order: 'interleaved: subject, floor, rrweb, rrwebRestamp; reversed on odd rounds',
  },
  subject: { ...s.subject, missing: missing.subject, setupMedianMs: subjectSetupMedianMs },
  baselines: {
    floor: { ...s.floor, what: 'relay ping→pong round trip through @cobrowse-kit/server' },
    rrweb: {
      ...s.rrweb,
      missing: missing.rrweb,
      what: '@rrweb/record → raw ws broadcast → @rrweb/replay Replayer liveMode, startLive(first event timestamp), useVirtualDom: false',
    },
    rrwebRestamp: {
      ...s.rrwebRestamp,
      missing: missing.rrwebRestamp,
      what: 'as rrweb, but every event restamped with its arrival time (as the SDK does): plain rrweb at its best',
    },
  },
  ...(BATCH_MS === undefined
    ? {}
    : {
        experiment: {
          what: `our customer SDK built from packages/sdk/src with batchMs ${BATCH_MS} (default 16)`,
          ...s.subjectBatch,
          missing: missing.subjectBatch,
        },
      }),
  ratio: {
    subjectOverRrwebP50: targets.ratioVsRrwebAtMost1.p50,
    subjectOverRrwebP95: targets.ratioVsRrwebAtMost1.p95,
    subjectOverRrwebRestampP50: round2(s.subject.p50 / s.rrwebRestamp.p50),
    subjectOverRrwebRestampP95: round2(s.subject.p95 / s.rrwebRestamp.p95),
  },
  targets,
  perRound,
  durationMs: Date.now() - started,
  env: environment({
    browser: `${launchOptions.executablePath ?? 'playwright chromium'} ${browser.version()}`,
    versions: {
      playwright: versionOf('@playwright/test'),
      '@rrweb/record': versionOf('@rrweb/record'),
      '@rrweb/replay': versionOf('@rrweb/replay'),
      ws: versionOf('ws'),
      '@cobrowse-kit/test-harness': require('@cobrowse-kit/test-harness/package.json').version,
    },
  }),
};
const file = writeResult('latency', result);
const line = (name, x) =>
  `  ${name.padEnd(8)} p50 ${String(x.p50).padStart(7)} ms   p95 ${String(x.p95).padStart(7)} ms   n ${x.n}${x.missing ? ` (missing ${x.missing})` : ''}`;
console.log(`latency (${ROUNDS} rounds, ${PER_ROUND} edits/round/variant at ${RATE}/s)`);
console.log(line('subject', result.subject));
console.log(line('floor', result.baselines.floor));
console.log(line('rrweb', result.baselines.rrweb));
console.log(line('rrweb-rs', result.baselines.rrwebRestamp));
if (result.experiment) console.log(line(`batch${BATCH_MS}`, result.experiment));
console.log(
  `  subject setup medians (ms): ${setupSteps.map((k) => `${k} ${subjectSetupMedianMs[k]}`).join(', ')}`,
);
console.log(
  `  ratio subject/rrweb: p50 ${result.ratio.subjectOverRrwebP50}×, p95 ${result.ratio.subjectOverRrwebP95}×; subject/rrweb restamped: p50 ${result.ratio.subjectOverRrwebRestampP50}×, p95 ${result.ratio.subjectOverRrwebRestampP95}×`,
);
console.log(
  `  targets (reported, not asserted): p50 ≤ floor + 16.7 = ${targets.p50WithinFloorPlusFrame.limitMs} ms: ${targets.p50WithinFloorPlusFrame.met ? 'met' : 'NOT met'}; p95 ≤ 50 ms: ${targets.p95Within50ms.met ? 'met' : 'NOT met'}; ≤ 1.0× rrweb (p50): ${targets.ratioVsRrwebAtMost1.met ? 'met' : 'NOT met'}`,
);
console.log(`  → ${file}`);
