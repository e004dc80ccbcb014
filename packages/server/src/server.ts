import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WS_PATH } from '@cobrowse-kit/sdk/protocol';
import { BundleCache, defaultBundleDir } from './assets';
import { createHttpHandler } from './http';
import {
  type CobrowseHandlerOptions,
  type ResolvedOptions,
  type SdkCredential,
  resolveOptions,
} from './options';
import { Relay, type RelayStats } from './relay';

/**
 * Options for {@link createCobrowseServer}.
 *
 * @example
 * ```ts
 * const options: CobrowseServerOptions = { port: 0, sdkKey, sdkSecret, devTokens: true };
 * ```
 */
export interface CobrowseServerOptions extends CobrowseHandlerOptions {
  /** Port to listen on; `0` picks a free one. Default 0. */
  port?: number;
  /** Interface to listen on. Default `'127.0.0.1'`. */
  host?: string;
  /**
   * Compress WebSocket frames (permessage-deflate) above 1 KiB. Saves bandwidth on slow links
   * but costs CPU per agent on fan-out. Default false.
   */
  compression?: boolean;
}

/**
 * The relay as request/upgrade functions, to mount on an HTTP server you already run.
 *
 * @example
 * ```ts
 * const handler: CobrowseHandler = createCobrowseHandler({ sdkKey, sdkSecret });
 * await handler.close();
 * ```
 */
export interface CobrowseHandler {
  /** Serves the relay's routes; resolves `false` (response untouched) for any other path. */
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Accepts WebSocket upgrades on `/cobrowse/ws`; returns `false` for any other path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Live sessions, sockets and agents in this process. */
  stats(): RelayStats;
  /** Ends every session (`session_ended`, reason `server_shutdown`) and closes every socket. */
  close(): Promise<void>;
}

/**
 * A running relay.
 *
 * @example
 * ```ts
 * const server: CobrowseServer = await createCobrowseServer({ sdkKey, sdkSecret });
 * console.log(server.url, server.wsUrl, server.stats());
 * await server.close();
 * ```
 */
export interface CobrowseServer {
  /** The URL browsers use (the public URL). */
  url: string;
  /** Same as `url`. */
  publicUrl: string;
  /** The relay's WebSocket URL (`ws(s)://…/cobrowse/ws`). */
  wsUrl: string;
  /** The port actually bound (useful with `port: 0`). */
  port: number;
  host: string;
  /** The SDK keys and secrets the relay accepts. */
  credentials: SdkCredential[];
  /** Whether `/cobrowse/dev/token` is mounted. */
  devTokens: boolean;
  httpServer: Server;
  handler: CobrowseHandler;
  stats(): RelayStats;
  /** Ends every session, closes every socket and stops listening. Idempotent. */
  close(): Promise<void>;
}

/**
 * Creates the relay as a request handler and an upgrade handler, for mounting on an existing
 * `node:http` (or https) server next to your own routes.
 *
 * @param options - SDK credentials and relay settings; `publicUrl` defaults to each request's
 * `Host` (trusted as is: set `publicUrl` behind a proxy).
 * @returns `{ handleRequest, handleUpgrade, stats, close }`.
 * @example
 * ```ts
 * const cobrowse = createCobrowseHandler({ sdkKey, sdkSecret, publicUrl: 'https://help.example.com' });
 * const server = http.createServer(async (req, res) => {
 *   if (!(await cobrowse.handleRequest(req, res))) app(req, res);
 * });
 * server.on('upgrade', (req, socket, head) => {
 *   if (!cobrowse.handleUpgrade(req, socket, head)) socket.destroy();
 * });
 * ```
 */
export function createCobrowseHandler(
  options: CobrowseHandlerOptions & { compression?: boolean },
): CobrowseHandler {
  const resolved = resolveOptions(options);
  return buildHandler(resolved, {
    compression: options.compression === true,
    ownsStore: !options.store,
    publicUrl: () => resolved.publicUrl,
  });
}

function buildHandler(
  resolved: ResolvedOptions,
  how: { compression: boolean; ownsStore: boolean; publicUrl: () => string | undefined },
): CobrowseHandler {
  const relay = new Relay(resolved, how.compression);
  const bundles = new BundleCache(resolved.sdkBundleDir ?? defaultBundleDir());
  const publicUrlFor = (req: IncomingMessage): string => {
    const configured = how.publicUrl();
    if (configured) return configured;
    const secure = (req.socket as { encrypted?: boolean }).encrypted === true;
    const host =
      req.headers.host && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host)
        ? req.headers.host
        : 'localhost';
    return `${secure ? 'https' : 'http'}://${host}`;
  };
  const handleRequest = createHttpHandler({ options: resolved, relay, bundles, publicUrlFor });
  let closed: Promise<void> | undefined;
  return {
    handleRequest,
    handleUpgrade: (req, socket, head) => relay.handleUpgrade(req, socket, head),
    stats: () => relay.stats(),
    close() {
      closed ??= (async () => {
        await relay.close();
        // A store the caller passed in is theirs to close.
        if (how.ownsStore) await resolved.store.close?.();
      })();
      return closed;
    },
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the relay on its own HTTP server: WebSocket relay, sdk bundles at Zoom's CDN paths,
 * agent viewer, `/healthz`, and (with `devTokens`) a development token endpoint.
 *
 * @param options - SDK credentials, `port` (0 = random), `host` (default 127.0.0.1), timers and
 * limits; see the README's options table.
 * @returns The running server: `url`, `port`, `close()`, ….
 * @throws TypeError for missing credentials or invalid options; the listen error (e.g.
 * `EADDRINUSE`) if the port is taken.
 * @example
 * ```ts
 * import { createCobrowseServer } from '@cobrowse-kit/server';
 * const server = await createCobrowseServer({ port: 9400, sdkKey: 'KEY', sdkSecret: process.env.SECRET! });
 * console.log(`relay on ${server.url}`);
 * process.on('SIGTERM', () => server.close());
 * ```
 */
export async function createCobrowseServer(
  options: CobrowseServerOptions,
): Promise<CobrowseServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`@cobrowse-kit/server: port must be 0-65535; got ${port}.`);
  }
  // Resolve eagerly so option errors throw before anything listens.
  const resolved = resolveOptions(options);
  let publicUrl = resolved.publicUrl;
  const httpServer = createServer();
  // The default public URL needs the bound port, known only after listen: read it lazily.
  const handler = buildHandler(resolved, {
    compression: options.compression === true,
    ownsStore: !options.store,
    publicUrl: () => publicUrl,
  });
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handler.handleRequest(req, res).then(
      (handled) => {
        if (!handled && !res.headersSent) {
          res.writeHead(404, {
            'content-type': 'text/plain; charset=utf-8',
            'cache-control': 'no-store',
          });
          res.end(`Not found: ${req.method} ${(req.url ?? '/').split('?')[0]}\n`);
        }
      },
      () => res.destroy(),
    );
  });
  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!handler.handleUpgrade(req, socket, head)) {
      socket.end(
        `HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\nWebSockets live at ${WS_PATH}\n`,
      );
    }
  });
  httpServer.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    httpServer.once('error', onError);
    httpServer.listen(port, host, () => {
      httpServer.off('error', onError);
      resolve();
    });
  });
  const bound = (httpServer.address() as AddressInfo).port;
  publicUrl ??= `http://${urlHost(host)}:${bound}`;
  const url = publicUrl;

  let closing: Promise<void> | undefined;
  return {
    url,
    publicUrl: url,
    wsUrl: `${url.replace(/^http/, 'ws')}${WS_PATH}`,
    port: bound,
    host,
    credentials: [...resolved.credentials].map(([sdkKey, sdkSecret]) => ({ sdkKey, sdkSecret })),
    devTokens: resolved.devTokens,
    httpServer,
    handler,
    stats: () => handler.stats(),
    close() {
      closing ??= (async () => {
        await handler.close();
        await new Promise<void>((resolve) => {
          httpServer.close(() => resolve());
          httpServer.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
