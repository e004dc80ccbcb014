import type { BrowserContext, Page, Route } from '@playwright/test';
import { ZOOM_CDN_BASE_URL } from '@cobrowse-kit/core';
import { debug } from './debug';
import type { CobrowseEngine } from './engine';
import { HarnessError } from './errors';
import { type MintTokenOptions, mintToken } from './tokens';

/**
 * A page or a whole browser context: every routing helper accepts either.
 *
 * @example
 * ```ts
 * await routeZoomCdn(page, engine); // just this page
 * await routeZoomCdn(context, engine); // every page of the context, popups included
 * ```
 */
export type RouteTarget = Page | BrowserContext;

/**
 * The URL pattern of Zoom's SDK bundles (customer `/js/…` and agent `/agent/js/…`), which
 * {@link routeZoomCdn} serves from the local engine.
 *
 * @example
 * ```ts
 * await context.unroute(ZOOM_SDK_ROUTE); // stop routing Zoom's CDN to the engine
 * ```
 */
export const ZOOM_SDK_ROUTE = `${ZOOM_CDN_BASE_URL}/static/resource/sdk/**`;

// Per target, the engine it is routed to: routing twice would stack handlers, and routing the
// same context to two engines is a bug worth an early, clear error.
const routed = new WeakMap<RouteTarget, CobrowseEngine>();

// Bundles are immutable while an engine runs, and every test page asks for them: fetch once per
// engine and URL, then serve from memory.
const bundleCache = new WeakMap<CobrowseEngine, Map<string, Promise<Fetched>>>();

interface Fetched {
  status: number;
  contentType: string;
  body: Buffer;
}

async function fetchWithRetry(url: string, attempts = 3): Promise<Fetched> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const res = await fetch(url);
      const body = Buffer.from(await res.arrayBuffer());
      // A 5xx may be the engine still warming up; anything else is the real answer.
      if (res.status >= 500 && i < attempts - 1) throw new Error(`HTTP ${res.status}`);
      return {
        status: res.status,
        contentType: res.headers.get('content-type') ?? 'application/javascript; charset=utf-8',
        body,
      };
    } catch (e) {
      lastError = e;
      await new Promise((r) => setTimeout(r, 50 * 2 ** i));
    }
  }
  throw lastError;
}

function fetchBundle(engine: CobrowseEngine, url: string): Promise<Fetched> {
  let cache = bundleCache.get(engine);
  if (!cache) {
    cache = new Map();
    bundleCache.set(engine, cache);
  }
  let hit = cache.get(url);
  if (!hit) {
    hit = fetchWithRetry(url);
    // A failure must not poison the cache for the next test.
    hit.catch(() => cache.delete(url));
    cache.set(url, hit);
  }
  return hit;
}

/**
 * Serves requests for Zoom's CDN (`https://us01-zcb.zoom.us/static/resource/sdk/**`, customer and
 * agent bundles) from the local engine, so an integrator's page with Zoom's snippet runs
 * unchanged. The engine's bundles connect back to the engine whatever URL loaded them.
 * Idempotent per page/context; does nothing in hosted mode (the real CDN is wanted there).
 * Call it before the page navigates.
 *
 * @example
 * ```ts
 * await routeZoomCdn(context, engine);
 * await page.goto('http://localhost:3000/checkout'); // loads the SDK from "Zoom", gets the engine's
 * ```
 */
export async function routeZoomCdn(target: RouteTarget, engine: CobrowseEngine): Promise<void> {
  if (engine.mode === 'hosted') {
    debug('route', 'hosted mode: Zoom CDN requests go to Zoom');
    return;
  }
  const existing = routed.get(target);
  if (existing === engine) return;
  if (existing) {
    throw new HarnessError(
      'ROUTE_FETCH_FAILED',
      `This page/context is already routed to the engine at ${existing.url}. Use one engine per browser context.`,
    );
  }
  routed.set(target, engine);
  await target.route(ZOOM_SDK_ROUTE, async (route: Route) => {
    const requested = new URL(route.request().url());
    const local = `${engine.url}${requested.pathname}${requested.search}`;
    try {
      const res = await fetchBundle(engine, local);
      debug('route', `${requested.pathname} → ${local} (${res.status}, ${res.body.length} B)`);
      await route.fulfill({
        status: res.status,
        body: res.body,
        headers: {
          'content-type': res.contentType,
          // A page may load the snippet's script with crossorigin="anonymous".
          'access-control-allow-origin': '*',
          'cache-control': 'no-store',
        },
      });
    } catch (cause) {
      const error = new HarnessError(
        'ROUTE_FETCH_FAILED',
        `Could not serve ${requested.href} from the local engine (${local}): ${cause instanceof Error ? cause.message : String(cause)}. Is the engine still running (was it closed before the test ended)?`,
        { cause },
      );
      // Playwright swallows errors thrown in route handlers; say it out loud instead.
      process.stderr.write(`${error.message}\n`);
      await route.abort('connectionfailed').catch(() => {});
    }
  });
  debug('route', `routing ${ZOOM_SDK_ROUTE} to ${engine.url}`);
}

/**
 * Options for {@link routeTokenEndpoint}.
 *
 * @example
 * ```ts
 * await cobrowse.routeTokenEndpoint(page, { url: '**\/api/cobrowse-token', role: 'customer', byop: false, format: 'text' });
 * ```
 */
export interface RouteTokenEndpointOptions extends Omit<MintTokenOptions, 'role'> {
  /** The page's token endpoint (a glob or RegExp, as `page.route` takes). */
  url: string | RegExp;
  /** Default: the `role` in the request's JSON body or query, else `customer`. */
  role?: 'customer' | 'agent';
  /**
   * Response shape. Default `json`: `{ token, expiresAt }`, as core's `createTokenHandler`
   * answers. `text`: the bare token.
   */
  format?: 'json' | 'text';
}

function requestedRole(route: Route): 'customer' | 'agent' | undefined {
  const req = route.request();
  const fromQuery = new URL(req.url()).searchParams.get('role');
  if (fromQuery === 'customer' || fromQuery === 'agent') return fromQuery;
  try {
    const body = req.postDataJSON() as { role?: unknown } | null;
    if (body?.role === 'customer' || body?.role === 'agent') return body.role;
  } catch {
    // Not JSON: fall back to the default role.
  }
  return undefined;
}

/**
 * Answers the page's own token endpoint with tokens the harness mints for `engine`, so a test
 * needs no backend — and can hand the page a token it would never get in production (for
 * example a customer token without `enable_byop`, to test the error path).
 *
 * @example
 * ```ts
 * await routeTokenEndpoint(page, engine, { url: '**\/api/token', byop: false });
 * ```
 */
export async function routeTokenEndpoint(
  target: RouteTarget,
  engine: CobrowseEngine,
  options: RouteTokenEndpointOptions,
): Promise<void> {
  const { url, role, format = 'json', ...mint } = options;
  await target.route(url, async (route) => {
    const r = role ?? requestedRole(route) ?? 'customer';
    const token = await mintToken(engine, { ...mint, role: r });
    debug(
      'route',
      `token endpoint ${route.request().url()} → ${r} token (byop ${mint.byop ?? r === 'customer'})`,
    );
    await route.fulfill(
      format === 'text'
        ? {
            status: 200,
            contentType: 'text/plain',
            body: token,
            headers: { 'cache-control': 'no-store' },
          }
        : {
            status: 200,
            contentType: 'application/json',
            body: JSON.stringify({
              token,
              expiresAt: new Date(Date.now() + (mint.ttlSeconds ?? 7200) * 1000).toISOString(),
            }),
            headers: { 'cache-control': 'no-store' },
          },
    );
  });
}
