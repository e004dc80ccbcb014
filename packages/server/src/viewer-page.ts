// The page behind `agentViewerUrl`: a full-window mount point and the sdk's viewer bundle, which
// reads `pin`, `ticket` and `hostOrigin` from its own URL. No inline script, so the CSP can
// forbid every script but our own.

/**
 * Path of the viewer page (the target of `agentViewerUrl`).
 *
 * @example
 * ```ts
 * new URL(agentViewerUrl).pathname === VIEWER_PATH; // true
 * ```
 */
export const VIEWER_PATH = '/cobrowse/viewer';
/**
 * Path of the viewer bundle.
 *
 * @example
 * ```ts
 * await fetch(server.url + VIEWER_SCRIPT_PATH); // the sdk's dist/iife/viewer.js, URL filled in
 * ```
 */
export const VIEWER_SCRIPT_PATH = '/static/resource/sdk/viewer.js';
/**
 * Id of the element the live view renders into on the viewer page.
 *
 * @example
 * ```ts
 * document.getElementById(VIEWER_ROOT_ID); // 'cobrowse-kit-viewer'
 * ```
 */
export const VIEWER_ROOT_ID = 'cobrowse-kit-viewer';

export const VIEWER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Co-browsing viewer</title>
<style>html,body{margin:0;height:100%;background:#f4f5f7;overflow:hidden}#${VIEWER_ROOT_ID}{position:fixed;inset:0}</style>
</head>
<body>
<div id="${VIEWER_ROOT_ID}"></div>
<script src="${VIEWER_SCRIPT_PATH}"></script>
</body>
</html>
`;

/**
 * The viewer's Content-Security-Policy. Scripts: only our bundle. Styles, images, fonts and media
 * stay open to http(s) because the replayed customer page references its own (masked) assets;
 * the replay iframe is sandboxed without scripts on top of this.
 */
export function viewerCsp(publicUrl: string, frameAncestors: string[] | '*'): string {
  const ws = publicUrl.replace(/^http/, 'ws');
  const ancestors = frameAncestors === '*' ? '*' : ["'self'", ...frameAncestors].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    `connect-src 'self' ${publicUrl} ${ws}`,
    "style-src 'self' 'unsafe-inline' https: http:",
    "img-src 'self' data: blob: https: http:",
    "font-src 'self' data: https: http:",
    "media-src 'self' data: blob: https: http:",
    "frame-src 'self' blob: data:",
    "child-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}
