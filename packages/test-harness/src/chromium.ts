import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { HarnessError } from './errors';

/**
 * Where Debian (and Ubuntu's non-snap package) installs Chromium.
 *
 * @example
 * ```ts
 * existsSync(DEBIAN_CHROMIUM_PATH); // true after `apt-get install -y chromium`
 * ```
 */
export const DEBIAN_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags every harness launch adds. The GPU and QUIC are useless in headless CI and are the two
 * things most likely to misbehave in containers; both cost nothing to turn off.
 *
 * @example
 * ```ts
 * await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
 * ```
 */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze(['--disable-gpu', '--disable-quic']);

/**
 * Where {@link findChromium} found the browser.
 *
 * @example
 * ```ts
 * if (findChromium().source === 'playwright') console.log('using the downloaded browser');
 * ```
 */
export type ChromiumSource =
  | 'env:COBROWSE_CHROMIUM_PATH'
  | 'env:CHROMIUM_PATH'
  | 'debian'
  | 'playwright';

/**
 * What {@link findChromium} found.
 *
 * @example
 * ```ts
 * const { executablePath }: ChromiumLocation = findChromium();
 * ```
 */
export interface ChromiumLocation {
  /** Absolute path of the browser binary. */
  executablePath: string;
  source: ChromiumSource;
}

/**
 * Inputs of {@link findChromium}, injectable so the search order can be tested without a browser.
 *
 * @example
 * ```ts
 * findChromium({ env: { CHROMIUM_PATH: '/opt/chromium/chrome' } });
 * ```
 */
export interface FindChromiumOptions {
  env?: Record<string, string | undefined>;
  /** Defaults to `fs.existsSync`. */
  exists?: (path: string) => boolean;
  /**
   * Path of Playwright's own Chromium, or `undefined` when Playwright is not installed. Defaults
   * to asking `@playwright/test`.
   */
  playwrightExecutablePath?: () => string | undefined;
}

function playwrightChromiumPath(): string | undefined {
  try {
    // Loaded lazily and through require: the config file calls this synchronously, and the
    // pure parts of the harness must not need Playwright at all.
    const require = createRequire(import.meta.url);
    const pw = require('@playwright/test') as { chromium: { executablePath(): string } };
    return pw.chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * Finds a Chromium to run the tests in: `COBROWSE_CHROMIUM_PATH`, then `CHROMIUM_PATH`, then
 * Debian's `/usr/bin/chromium`, then the browser `npx playwright install chromium` downloads.
 * An env var that points nowhere is an error rather than a silent fallback, so a typo in CI is
 * caught where it was made.
 *
 * @throws HarnessError `CHROMIUM_PATH_INVALID` or `CHROMIUM_NOT_FOUND` (the message lists what was tried).
 * @example
 * ```ts
 * const { executablePath, source } = findChromium();
 * console.log(`running in ${executablePath} (${source})`);
 * ```
 */
export function findChromium(options: FindChromiumOptions = {}): ChromiumLocation {
  const env = options.env ?? process.env;
  const exists = options.exists ?? existsSync;
  const pwPath = options.playwrightExecutablePath ?? playwrightChromiumPath;

  for (const name of ['COBROWSE_CHROMIUM_PATH', 'CHROMIUM_PATH'] as const) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (!exists(value)) {
      throw new HarnessError(
        'CHROMIUM_PATH_INVALID',
        `${name} is set to "${value}", but no file exists there. Point it at a Chromium binary (for example ${DEBIAN_CHROMIUM_PATH}) or unset it.`,
        { details: { variable: name, value } },
      );
    }
    return { executablePath: value, source: `env:${name}` };
  }
  if (exists(DEBIAN_CHROMIUM_PATH))
    return { executablePath: DEBIAN_CHROMIUM_PATH, source: 'debian' };
  const own = pwPath();
  if (own && exists(own)) return { executablePath: own, source: 'playwright' };

  throw new HarnessError(
    'CHROMIUM_NOT_FOUND',
    [
      'No Chromium found. Tried: COBROWSE_CHROMIUM_PATH and CHROMIUM_PATH (unset),',
      `${DEBIAN_CHROMIUM_PATH} (missing), Playwright's browser${own ? ` at ${own}` : ''} (not installed).`,
      'Fix one of: `apt-get install -y chromium` (Debian/Ubuntu),',
      '`npx playwright install chromium` (needs network), or set COBROWSE_CHROMIUM_PATH to a Chromium binary.',
    ].join(' '),
  );
}

/**
 * Launch options as Playwright's `use.launchOptions` accepts them.
 *
 * @example
 * ```ts
 * const launchOptions: ChromiumLaunchOptions = chromiumLaunchOptions({ args: ['--lang=en-GB'] });
 * ```
 */
export interface ChromiumLaunchOptions {
  executablePath?: string;
  args: string[];
  [key: string]: unknown;
}

/**
 * Launch options for `playwright.config.ts`: the Chromium {@link findChromium} picks, plus cheap
 * flags for CI. When Playwright's own browser is the one found, `executablePath` is left out so
 * Playwright keeps managing it. Extra options are merged; extra `args` are appended.
 *
 * @example
 * ```ts
 * // playwright.config.ts
 * import { defineConfig } from '@playwright/test';
 * import { chromiumLaunchOptions } from '@cobrowse-kit/test-harness';
 * export default defineConfig({ use: { launchOptions: chromiumLaunchOptions() } });
 * ```
 */
export function chromiumLaunchOptions(
  extra: { args?: string[]; [key: string]: unknown } = {},
  options?: FindChromiumOptions,
): ChromiumLaunchOptions {
  const found = findChromium(options);
  const { args = [], ...rest } = extra;
  return {
    ...(found.source === 'playwright' ? {} : { executablePath: found.executablePath }),
    ...rest,
    args: [...CHROMIUM_ARGS, ...args],
  };
}
