/**
 * `@cobrowse-kit/server` — the self-hosted cobrowse-kit relay: verifies Zoom-style tokens,
 * enforces BYOP and owns the PIN registry, forwards live co-browsing events from customer to
 * agents with a checkpoint for late joiners, and serves the sdk's bundles at Zoom's CDN paths.
 *
 * @example
 * ```ts
 * import { createCobrowseServer } from '@cobrowse-kit/server';
 * const server = await createCobrowseServer({ port: 9400, sdkKey: 'KEY', sdkSecret: process.env.SDK_SECRET! });
 * console.log(server.url); // http://127.0.0.1:9400
 * ```
 * @module
 */
export {
  createCobrowseServer,
  createCobrowseHandler,
  type CobrowseServer,
  type CobrowseServerOptions,
  type CobrowseHandler,
} from './server';
export type { CobrowseHandlerOptions, CobrowseLogger, SdkCredential } from './options';
export {
  createMemoryStore,
  type SessionStore,
  type SessionRecord,
  type ViewerTicketRecord,
} from './store';
export type { RelayStats } from './relay';
export { VIEWER_TICKET_PREFIX, RelayErrorCodes } from './relay';
export { PUBLIC_URL_PLACEHOLDER } from './assets';
export { DEV_TOKEN_PATH, HEALTH_PATH, VIEWER_URL_PATH } from './http';
export { VIEWER_PATH, VIEWER_SCRIPT_PATH, VIEWER_ROOT_ID } from './viewer-page';
export { parseCliArgs, CLI_HELP, DEFAULT_CLI_PORT, type CliCommand } from './cli-args';
