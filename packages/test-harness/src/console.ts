import { ZOOM_CDN_BASE_URL } from '@cobrowse-kit/core';
import type { CobrowseEngine } from './engine';

/** Path of the built-in agent console on the engine's origin (served by the harness, not the engine). */
export const CONSOLE_PATH = '/__cobrowse-harness/agent';

/** The SDK version spec the console asks Zoom's CDN for. */
export const CONSOLE_SDK_VERSION = '2.5.x';

/**
 * Where the built-in agent console lives. Locally it is a virtual path on the engine's own origin:
 * Chromium's Local Network Access rules block a page on a made-up public origin from opening
 * sockets to 127.0.0.1, and same-origin also keeps the console free of CORS. In hosted mode a
 * made-up https origin is fine, since it only talks to Zoom.
 */
export function consoleUrl(engine: CobrowseEngine): string {
  return engine.mode === 'hosted'
    ? `https://cobrowse-harness.local${CONSOLE_PATH}`
    : `${engine.url}${CONSOLE_PATH}`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The console page: Zoom's agent CDN snippet (with Zoom's host, which the harness routes to the
 * engine), a PIN field, and a mount point filling the window. `token` is embedded so a person
 * watching a headed run can also join by hand.
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
    { zoomAppRoot: document.getElementById('cobrowse-agent-root') },
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
