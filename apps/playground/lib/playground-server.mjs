// @ts-check
/**
 * The playground's own web server: the integrator side of a co-browsing setup. It serves the
 * customer and agent pages, a token endpoint built on core's `createTokenHandler` (what an
 * integrator's backend would mount), and a tiny `/config.js` that tells the pages where the
 * engine is. It runs on its own origin, separate from the engine, as a real site would.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTokenHandler } from '@cobrowse-kit/core/server';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Where the plain-HTML pages live. */
export const PUBLIC_DIR = join(APP_DIR, 'public');
/**
 * Where framework builds are looked for, served at `/<framework>/`: `dist/<framework>/` of this
 * app, and the `dist/` of a sibling app `apps/playground-<framework>/` (built with base `/<framework>/`).
 */
export const DIST_DIR = join(APP_DIR, 'dist');
const APPS_DIR = join(APP_DIR, '..');
/** The SDK version spec the pages ask for, in Zoom's `x.y.x` form. */
export const SDK_VERSION = '2.5.x';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Framework builds present (a directory with an `index.html`), by name, with their directories.
 * @returns {Array<{ name: string, root: string }>}
 */
export function frameworkBuilds() {
  /** @type {Map<string, string>} */
  const found = new Map();
  if (existsSync(DIST_DIR)) {
    for (const d of readdirSync(DIST_DIR, { withFileTypes: true })) {
      if (d.isDirectory() && existsSync(join(DIST_DIR, d.name, 'index.html'))) {
        found.set(d.name, join(DIST_DIR, d.name));
      }
    }
  }
  for (const d of readdirSync(APPS_DIR, { withFileTypes: true })) {
    const m = /^playground-([a-z0-9-]+)$/.exec(d.name);
    const root = m && join(APPS_DIR, d.name, 'dist');
    if (m?.[1] && root && !found.has(m[1]) && existsSync(join(root, 'index.html'))) {
      found.set(m[1], root);
    }
  }
  return [...found]
    .map(([name, root]) => ({ name, root }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A path inside `root`, or `undefined` if the request tries to escape it.
 * @param {string} root
 * @param {string} urlPath
 */
function inside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = resolve(root, normalize(`.${sep}${decoded}`));
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} file
 */
function sendFile(res, file) {
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'content-type': type,
    // A playground is edited and reloaded constantly; never let a stale page confuse a demo.
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(res);
}

/** @param {string} file */
const isFile = (file) => existsSync(file) && statSync(file).isFile();

/**
 * Adapts a Node request to the Fetch API `Request` that core's token handler takes.
 * @param {import('node:http').IncomingMessage} req
 * @param {string} origin
 */
async function toFetchRequest(req, origin) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    // The handler refuses big bodies too; stop reading early rather than buffer junk.
    if (size > 16 * 1024) break;
    chunks.push(chunk);
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') headers.set(k, v);
  }
  const method = req.method ?? 'GET';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
  });
}

/**
 * @typedef {object} PlaygroundOptions
 * @property {string} engineUrl Public URL of the engine, as browsers reach it.
 * @property {string} sdkKey
 * @property {string} sdkSecret
 * @property {number} [port] Default 5173; 0 for a random free port.
 * @property {string} [host] Default 127.0.0.1.
 * @property {string} [publicHost] Host name printed in URLs. Default: `host`.
 * @property {string} [cdnBaseUrl] Where pages load the SDK from. Default: the engine.
 */

/**
 * @typedef {object} Playground
 * @property {string} url
 * @property {() => Promise<void>} close
 */

/**
 * Starts the playground's web server.
 * @param {PlaygroundOptions} options
 * @returns {Promise<Playground>}
 */
export async function startPlayground(options) {
  const { engineUrl, sdkKey, sdkSecret, port = 5173, host = '127.0.0.1' } = options;
  const cdnBaseUrl = (options.cdnBaseUrl ?? engineUrl).replace(/\/+$/, '');

  // The integrator's backend: who may get a token, and as whom. A real site derives the
  // identity from its own login session and lets only support staff mint agent tokens; the
  // playground trusts the names the pages send, because it is a demo on loopback.
  const tokenHandler = createTokenHandler({
    sdkKey,
    sdkSecret,
    authorize: (_request, context) => ({
      userId: `${context.role}-${randomUUID().slice(0, 8)}`,
      userName: context.userName ?? (context.role === 'agent' ? 'Support agent' : 'Customer'),
    }),
  });

  const facts = {
    sdkKey,
    engineUrl: engineUrl.replace(/\/+$/, ''),
    cdnBaseUrl,
    sdkVersion: SDK_VERSION,
    version: SDK_VERSION,
  };
  const config = `window.COBROWSE_PLAYGROUND = ${JSON.stringify(facts)};\n`;
  // Framework pages read `engineUrl` as "where the SDK bundles load from", i.e. the CDN base.
  const configJson = JSON.stringify({ ...facts, engineUrl: cdnBaseUrl });

  const server = createServer(async (req, res) => {
    const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    try {
      if (path === '/api/token') {
        const response = await tokenHandler(await toFetchRequest(req, origin));
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
        return;
      }
      if (path === '/config.js') {
        res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
        res.end(config);
        return;
      }
      if (path === '/api/config') {
        // The same facts as /config.js, for pages that would rather fetch JSON (the framework pages).
        res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' });
        res.end(configJson);
        return;
      }
      if (path === '/api/pages') {
        res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' });
        res.end(JSON.stringify({ frameworks: frameworkBuilds().map((f) => f.name) }));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      // /<framework>/… → dist/<framework>/…, falling back to its index.html for client routes.
      const [, first = ''] = path.split('/');
      const framework = first ? frameworkBuilds().find((f) => f.name === first) : undefined;
      if (framework) {
        const root = framework.root;
        if (path === `/${first}`) {
          res.writeHead(301, { location: `/${first}/` }).end();
          return;
        }
        const file = inside(root, path.slice(first.length + 1) || '/');
        if (file && isFile(file)) return sendFile(res, file);
        if (file && isFile(join(file, 'index.html')))
          return sendFile(res, join(file, 'index.html'));
        if (!extname(path)) return sendFile(res, join(root, 'index.html'));
        res.writeHead(404).end();
        return;
      }
      const file = inside(PUBLIC_DIR, path === '/' ? '/index.html' : path);
      if (file && isFile(file)) return sendFile(res, file);
      if (file && isFile(`${file}.html`)) return sendFile(res, `${file}.html`);
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    } catch (error) {
      console.error('[playground]', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error\n');
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${options.publicHost ?? host}:${actualPort}`;
  return {
    url,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok(undefined));
      }),
  };
}
