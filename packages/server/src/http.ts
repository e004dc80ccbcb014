// HTTP routes of the relay on plain node:http: health, the sdk bundles at Zoom's CDN paths, the
// agent viewer (URL endpoint and page) and the development token endpoint.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseVersionSpec } from '@cobrowse-kit/core';
import { createTokenHandler } from '@cobrowse-kit/core/server';
import type { BundleCache, BundleName } from './assets';
import type { ResolvedOptions } from './options';
import type { Relay } from './relay';
import { VIEWER_HTML, VIEWER_PATH, VIEWER_SCRIPT_PATH, viewerCsp } from './viewer-page';

/**
 * Path of the viewer-URL endpoint.
 *
 * @example
 * ```ts
 * await fetch(server.url + VIEWER_URL_PATH, { method: 'POST', body: JSON.stringify({ pinCode, sdkToken }) });
 * ```
 */
export const VIEWER_URL_PATH = '/cobrowse/viewer-url';
/**
 * Path of the development token endpoint (mounted only with `devTokens`).
 *
 * @example
 * ```ts
 * const { token } = await (await fetch(`${server.url}${DEV_TOKEN_PATH}?role=agent`)).json();
 * ```
 */
export const DEV_TOKEN_PATH = '/cobrowse/dev/token';
/**
 * Path of the health check.
 *
 * @example
 * ```ts
 * const { ok, sessions } = await (await fetch(server.url + HEALTH_PATH)).json();
 * ```
 */
export const HEALTH_PATH = '/healthz';

const SDK_PREFIX = '/static/resource/sdk/';
const MAX_JSON_BODY = 16 * 1024;
const CORS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization',
  'access-control-max-age': '600',
};
// Same rule as core's sdkUrl: a key never holds whitespace, slashes, query or escape characters.
const SDK_KEY_RE = /^[^\s/\\?#%]{1,256}$/;

export interface HttpContext {
  options: ResolvedOptions;
  relay: Relay;
  bundles: BundleCache;
  /** The public URL to use for this request. */
  publicUrlFor(req: IncomingMessage): string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string>,
  head = false,
): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'content-length': String(buf.length), ...headers });
  res.end(head ? undefined : buf);
}

function text(
  res: ServerResponse,
  status: number,
  message: string,
  extra: Record<string, string> = {},
) {
  send(res, status, `${message}\n`, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
) {
  send(res, status, JSON.stringify(body), {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) throw new HttpError(413, `The body is larger than ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `The body is larger than ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** `origin` as sent, if it is a plain http(s) origin; otherwise `undefined`. */
export function normalizeOrigin(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.origin === origin.replace(/\/$/, '') ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the request handler; it resolves `false` for paths that are not the relay's. */
export function createHttpHandler(
  ctx: HttpContext,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const { options } = ctx;
  const devTokens = options.devTokens ? createDevTokenHandler(options) : undefined;

  return async (req, res) => {
    const method = req.method ?? 'GET';
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://relay.invalid').pathname;
    } catch {
      return false;
    }
    try {
      if (pathname === HEALTH_PATH) {
        if (!allow(res, method, ['GET', 'HEAD'])) return true;
        const stats = ctx.relay.stats();
        json(res, 200, {
          ok: true,
          sessions: await options.store.countSessions(),
          connections: stats.connections,
        });
        return true;
      }
      if (pathname === VIEWER_SCRIPT_PATH) {
        await serveBundle(ctx, req, res, 'viewer');
        return true;
      }
      if (pathname.startsWith(SDK_PREFIX)) {
        const route = matchSdkRoute(pathname.slice(SDK_PREFIX.length));
        if (!route) return false;
        if (route.error !== undefined) {
          if (method === 'OPTIONS') return preflight(res);
          text(res, 400, route.error, { 'access-control-allow-origin': '*' });
          return true;
        }
        await serveBundle(ctx, req, res, route.bundle);
        return true;
      }
      if (pathname === VIEWER_URL_PATH) {
        if (method === 'OPTIONS') return preflight(res);
        if (!allow(res, method, ['POST'], CORS)) return true;
        await viewerUrl(ctx, req, res);
        return true;
      }
      if (pathname === VIEWER_PATH) {
        if (!allow(res, method, ['GET', 'HEAD'])) return true;
        await viewerPage(ctx, req, res, method === 'HEAD');
        return true;
      }
      if (pathname === DEV_TOKEN_PATH && devTokens) {
        if (method === 'OPTIONS') return preflight(res);
        await devTokens(req, res);
        return true;
      }
      return false;
    } catch (err) {
      if (err instanceof HttpError) {
        if (!res.headersSent)
          text(res, err.status, err.message, { 'access-control-allow-origin': '*' });
        return true;
      }
      options.logger.error('http handler error', {
        path: pathname,
        err: err instanceof Error ? err.stack : String(err),
      });
      if (!res.headersSent) text(res, 500, 'Internal error in the cobrowse-kit relay.');
      else res.destroy();
      return true;
    }
  };
}

function preflight(res: ServerResponse): true {
  res.writeHead(204, CORS);
  res.end();
  return true;
}

function allow(
  res: ServerResponse,
  method: string,
  methods: string[],
  extra: Record<string, string> = {},
): boolean {
  if (methods.includes(method)) return true;
  text(res, 405, `Use ${methods.join(' or ')}.`, { allow: methods.join(', '), ...extra });
  return false;
}

type SdkRoute = { bundle: BundleName; error?: undefined } | { bundle?: undefined; error: string };

/**
 * Matches `:sdkKey/js[/:version]` and `:sdkKey/agent/js[/:version]` (a trailing slash is the
 * unversioned form). `undefined` when the shape is not a bundle path at all.
 */
export function matchSdkRoute(rest: string): SdkRoute | undefined {
  const m = /^([^/]+)\/(agent\/)?js(?:\/([^/]*))?\/?$/.exec(rest);
  if (!m) return undefined;
  const key = m[1] ?? '';
  const bundle: BundleName = m[2] ? 'agent' : 'customer';
  if (!SDK_KEY_RE.test(key) || /^\.+$/.test(key)) {
    return { error: `Malformed SDK key in the URL: ${JSON.stringify(key.slice(0, 64))}.` };
  }
  const version = m[3];
  if (version) {
    let decoded = version;
    try {
      decoded = decodeURIComponent(version);
    } catch {
      // An undecodable version is malformed anyway; parseVersionSpec says so below.
    }
    try {
      parseVersionSpec(decoded);
    } catch (e) {
      return {
        error:
          e instanceof Error ? e.message : `SDK version ${JSON.stringify(decoded)} is not valid.`,
      };
    }
  }
  return { bundle };
}

async function serveBundle(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  name: BundleName,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    preflight(res);
    return;
  }
  if (!allow(res, method, ['GET', 'HEAD'], { 'access-control-allow-origin': '*' })) return;
  const bundle = await ctx.bundles.load(name, ctx.publicUrlFor(req));
  if (!bundle) {
    text(
      res,
      503,
      `The ${name} bundle is missing (${ctx.bundles.describe(name)}): build @cobrowse-kit/sdk first (pnpm --filter @cobrowse-kit/sdk build).`,
      { 'access-control-allow-origin': '*', 'retry-after': '5' },
    );
    return;
  }
  // Every URL version maps to the bundle this relay ships, which changes when the relay is
  // upgraded: revalidate each time (a 304 is cheap) instead of caching a version we do not pin.
  const headers: Record<string, string> = {
    'content-type': 'application/javascript; charset=utf-8',
    'access-control-allow-origin': '*',
    'cache-control': 'public, no-cache',
    etag: bundle.etag,
    vary: 'Accept-Encoding',
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'cross-origin',
  };
  const inm = req.headers['if-none-match'];
  if (inm?.split(',').some((t) => t.trim().replace(/^W\//, '') === bundle.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  send(
    res,
    200,
    gzip ? bundle.gzip : bundle.body,
    gzip ? { ...headers, 'content-encoding': 'gzip' } : headers,
    method === 'HEAD',
  );
}

async function viewerUrl(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const fail = (status: number, errorCode: number, errorMsg: string) =>
    json(res, status, { errorCode, errorMsg }, CORS);
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, MAX_JSON_BODY)).toString('utf8'));
  } catch (e) {
    if (e instanceof HttpError) return fail(e.status, 400, e.message);
    return fail(
      400,
      400,
      'The body must be JSON like {"pinCode":"AB12","sdkToken":"<agent JWT>"}.',
    );
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return fail(400, 400, 'The body must be a JSON object {"pinCode","sdkToken","hostOrigin"?}.');
  }
  const { pinCode, sdkToken, hostOrigin } = body as Record<string, unknown>;
  let origin: string | undefined;
  if (hostOrigin !== undefined && hostOrigin !== null && hostOrigin !== '') {
    origin = typeof hostOrigin === 'string' ? normalizeOrigin(hostOrigin) : undefined;
    if (!origin) {
      return fail(
        400,
        400,
        'hostOrigin must be the origin of the page that embeds or opens the viewer, like "https://support.example.com" (no path).',
      );
    }
  }
  const result = await ctx.relay.createViewerTicket({ pinCode, sdkToken, hostOrigin: origin });
  if (!result.ok) return fail(result.status, result.errorCode, result.errorMsg);
  const query = new URLSearchParams({ pin: result.pin, ticket: result.ticket });
  if (origin) query.set('hostOrigin', origin);
  json(
    res,
    200,
    {
      agentViewerUrl: `${ctx.publicUrlFor(req)}${VIEWER_PATH}?${query}`,
      expiresAt: new Date(Date.now() + ctx.options.viewerTicketTtlMs).toISOString(),
    },
    CORS,
  );
}

async function viewerPage(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  head: boolean,
) {
  const url = new URL(req.url ?? '/', 'http://relay.invalid');
  const ticket = url.searchParams.get('ticket');
  // A ticket that names its host page limits who may frame the viewer; without one any page
  // may (the agent console of an integrator lives on an origin we cannot know).
  let ancestors: string[] | '*' = '*';
  if (ticket) {
    const record = await ctx.options.store.getTicket(ticket);
    if (record?.hostOrigin) ancestors = [record.hostOrigin];
  }
  send(
    res,
    200,
    VIEWER_HTML,
    {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': viewerCsp(ctx.publicUrlFor(req), ancestors),
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    },
    head,
  );
}

/** Adapts core's Fetch-API token handler to node:http, minting dev tokens for anyone. */
function createDevTokenHandler(options: ResolvedOptions) {
  const first = options.credentials.entries().next().value;
  if (!first) throw new TypeError('@cobrowse-kit/server: devTokens needs an SDK key.');
  const [sdkKey, sdkSecret] = first;
  const handler = createTokenHandler({
    sdkKey,
    sdkSecret,
    // Development only: anyone gets a token, under the name they ask for.
    authorize: (_request, context) => ({
      userId: context.userId ?? `dev-${context.role}-${randomBytes(4).toString('hex')}`,
      userName: context.userName ?? (context.role === 'agent' ? 'Dev Agent' : 'Dev Customer'),
    }),
  });
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const body = method === 'POST' ? await readBody(req, MAX_JSON_BODY) : undefined;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string') headers.set(k, v);
      else if (Array.isArray(v)) headers.set(k, v.join(', '));
    }
    const request = new Request(new URL(req.url ?? '/', 'http://relay.invalid'), {
      method,
      headers,
      ...(body ? { body: new Uint8Array(body) } : {}),
    });
    const response = await handler(request);
    const out: Record<string, string> = { ...CORS };
    response.headers.forEach((value, key) => {
      out[key] = value;
    });
    const payload = Buffer.from(await response.arrayBuffer());
    delete out['content-length'];
    send(res, response.status, payload, out, method === 'HEAD');
  };
}
