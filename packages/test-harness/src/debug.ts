/**
 * The environment variable that turns on the harness's debug log.
 *
 * @example
 * ```ts
 * // COBROWSE_HARNESS_DEBUG=1 npx playwright test
 * process.env[DEBUG_ENV] = '1';
 * ```
 */
export const DEBUG_ENV = 'COBROWSE_HARNESS_DEBUG';

/**
 * Whether the debug log is on (`COBROWSE_HARNESS_DEBUG=1`, `true` or `yes`).
 *
 * @example
 * ```ts
 * if (isDebugEnabled()) page.on('console', (m) => console.log(m.text()));
 * ```
 */
export function isDebugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env[DEBUG_ENV]?.trim().toLowerCase();
  return v === '1' || v === 'true' || v === 'yes';
}

/**
 * Logs one line to stderr when the debug log is on. Stderr, because Playwright's list reporter
 * owns stdout and interleaves badly with it.
 *
 * @example
 * ```ts
 * debug('engine', `started at ${url}`);
 * ```
 */
export function debug(scope: string, message: string): void {
  if (!isDebugEnabled()) return;
  const t = new Date().toISOString().slice(11, 23);
  process.stderr.write(`[cobrowse-harness ${t}] ${scope}: ${message}\n`);
}
