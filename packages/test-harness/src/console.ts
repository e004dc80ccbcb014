import { randomBytes } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import { ZOOM_CDN_BASE_URL } from '@cobrowse-kit/core';
import { debug } from './debug';
import type { CobrowseEngine } from './engine';
import { mintToken } from './tokens';

/**
 * Path of the built-in agent console on the harness's console server.
 *
 * @example
 * ```ts
 * new URL(await consoleUrl(engine)).pathname === CONSOLE_PATH; // true
 * ```
 */
export const CONSOLE_PATH = '/agent';

/** The SDK version spec the console asks Zoom's CDN for.
 * @internal Not part of the public API (not exported from the package entry).
 */
export const CONSOLE_SDK_VERSION = '2.5.x';

// The console is served by a real loopback HTTP server rather than by page.route(): Chromium's
// Local Network Access checks treat a document fulfilled by interception as public, and then
// refuse its WebSocket to the engine on 127.0.0.1 (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS).
// One server per process, shared by every engine the process uses; unref'd so it never keeps a
// Playwright worker alive.
let server: Promise<{ url: string; server: Server }> | undefined;
const engines = new Map<string, CobrowseEngine>();
const ids = new WeakMap<CobrowseEngine, string>();

function consoleServer(): Promise<{ url: string; server: Server }> {
  server ??= new Promise((resolve, reject) => {
    const s = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const engine = engines.get(url.searchParams.get('engine') ?? '');
      if (url.pathname !== CONSOLE_PATH || !engine) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Unknown harness page\n');
        return;
      }
      try {
        const token = await mintToken(engine, { role: 'agent', userName: 'Console Agent' });
        res
          .writeHead(200, {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-store',
          })
          .end(consoleHtml(engine, token));
      } catch (e) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`${(e as Error).message}\n`);
      }
    });
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      s.unref();
      const { port } = s.address() as { port: number };
      debug('console', `agent console server on http://127.0.0.1:${port}`);
      resolve({ url: `http://127.0.0.1:${port}`, server: s });
    });
  });
  return server;
}

/**
 * The URL of the built-in agent console for `engine`: a page on a loopback server the harness
 * runs in the test process, with Zoom's agent snippet (routed to the engine locally; the real
 * CDN in hosted mode) and a mount point filling the window.
 *
 * @example
 * ```ts
 * await page.goto(await consoleUrl(engine));
 * ```
 */
export async function consoleUrl(engine: CobrowseEngine): Promise<string> {
  let id = ids.get(engine);
  if (!id) {
    id = randomBytes(6).toString('hex');
    ids.set(engine, id);
    engines.set(id, engine);
  }
  const { url } = await consoleServer();
  return `${url}${CONSOLE_PATH}?engine=${id}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The console page: Zoom's agent CDN snippet (with Zoom's host, which the harness routes to the
 * engine), a PIN field, and a mount point filling the window. `token` is embedded so a person
 * watching a headed run can also join by hand.
 * @internal Not part of the public API (not exported from the package entry).
 */
export function consoleHtml(engine: CobrowseEngine, token: string): string {
  const key = JSON.stringify(engine.sdkKey);
  const tok = JSON.stringify(token);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Agent console · cobrowse-kit test harness</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #1f2933; }
  body { display: flex; flex-direction: column; }
  header { display: flex; gap: 8px; align-items: center; padding: 8px 12px; border-bottom: 1px solid #e4e7eb; }
  header strong { margin-right: auto; }
  input { font: inherit; padding: 4px 8px; width: 10ch; text-transform: uppercase; }
  button { font: inherit; padding: 4px 12px; }
  #cobrowse-agent-root { flex: 1; position: relative; overflow: hidden; background: #f5f7fa; }
</style>
</head>
<body>
<script>
  const ZOOM_SDK_KEY = ${key};
  (function (r, a, b, f, c, d) {
    r[f] = r[f] || {
      init: function () {
        r.ZoomCobrowseAgentSDKInitArgs = arguments;
      },
    };
    var fragment = a.createDocumentFragment();
    function loadJs(url) {
      c = a.createElement(b);
      d = a.getElementsByTagName(b)[0];
      c.async = false;
      c.src = url;
      fragment.appendChild(c);
    }
    loadJs(
      \`${ZOOM_CDN_BASE_URL}/static/resource/sdk/\${ZOOM_SDK_KEY}/agent/js/${CONSOLE_SDK_VERSION}\`,
    );
    d.parentNode.insertBefore(fragment, d);
  })(window, document, "script", "ZoomCobrowseAgentSDK");
</script>
<header>
  <strong>Agent console <small>(${escapeHtml(engine.mode)} · cobrowse-kit test harness)</small></strong>
  <label>PIN <input id="pin" autocomplete="off" maxlength="10"></label>
  <button id="join" disabled>Join</button>
  <output id="status">Loading SDK…</output>
</header>
<div id="cobrowse-agent-root"></div>
<script>
  const statusEl = document.getElementById('status');
  const joinBtn = document.getElementById('join');
  ZoomCobrowseAgentSDK.init(
    // appKey as in Zoom's agent sample; harmless for the engine's SDK.
    { appKey: ZOOM_SDK_KEY, zoomAppRoot: document.getElementById('cobrowse-agent-root') },
    function ({ success, session, error }) {
      if (!success) { statusEl.textContent = 'SDK failed: ' + (error && error.errorMsg); return; }
      statusEl.textContent = 'Ready';
      joinBtn.disabled = false;
      session.on('session_joined', function () { statusEl.textContent = 'Viewing'; });
      session.on('session_error', function (e) { statusEl.textContent = 'Error ' + e.errorCode + ': ' + e.errorMsg; });
      session.on('session_ended', function () { statusEl.textContent = 'Session ended'; });
      joinBtn.onclick = function () {
        statusEl.textContent = 'Joining…';
        session.join({ sdkToken: ${tok}, pinCode: document.getElementById('pin').value.trim() });
      };
    },
  );
</script>
</body>
</html>`;
}
