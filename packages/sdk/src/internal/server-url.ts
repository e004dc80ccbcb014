import { WS_PATH } from '../protocol/index';

/**
 * Turns the relay's http(s) base URL into its WebSocket URL (`ws(s)://host[/prefix]/cobrowse/ws`).
 * A path prefix is kept, so a relay mounted under `/support` works.
 *
 * @example
 * ```ts
 * toWebSocketUrl('https://relay.example.com/support/'); // 'wss://relay.example.com/support/cobrowse/ws'
 * ```
 */
export function toWebSocketUrl(serverUrl: string, base?: string): string {
  const url = new URL(serverUrl, base);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new TypeError(
      `serverUrl must be an http(s) or ws(s) URL, got ${JSON.stringify(serverUrl)}`,
    );
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${WS_PATH}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/**
 * Turns the relay's base URL into an http(s) URL for `path` (e.g. `/cobrowse/viewer-url`).
 *
 * @example
 * ```ts
 * toHttpUrl('http://localhost:8787', '/cobrowse/viewer-url');
 * ```
 */
export function toHttpUrl(serverUrl: string, path: string, base?: string): string {
  const url = new URL(serverUrl, base);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  else if (url.protocol === 'wss:') url.protocol = 'https:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/**
 * The relay an npm install talks to: `settings.serverUrl`, else the page's own origin (the CDN
 * bundles instead use the URL the relay baked in when serving them).
 *
 * @example
 * ```ts
 * npmServerUrl({ serverUrl: 'https://relay.example.com' }); // 'https://relay.example.com'
 * npmServerUrl({}); // location.origin
 * ```
 */
export function npmServerUrl(settings: { serverUrl?: unknown }): string {
  return typeof settings.serverUrl === 'string' && settings.serverUrl
    ? settings.serverUrl
    : globalThis.location.origin;
}
