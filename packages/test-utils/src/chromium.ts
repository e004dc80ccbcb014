/**
 * Finding and launching Chromium for the project's own browser tests on machines without internet
 * (where `playwright install` cannot download a browser).
 *
 * @example
 * ```ts
 * import { chromium } from 'playwright-core';
 * import { chromiumLaunchOptions } from '../../../test-utils/src/chromium';
 * const browser = await chromium.launch(chromiumLaunchOptions());
 * ```
 * @module
 */
import { existsSync } from 'node:fs';

/** Debian's and Ubuntu's Chromium package install it here. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags that keep headless Chromium from reaching out to the network (there is none here, and
 * those attempts stall startup) and from touching the GPU.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The Chromium executable to launch: `CHROMIUM_PATH` if set, else the system Chromium if present,
 * else undefined, meaning Playwright's own downloaded browser.
 *
 * @returns An executable path, or undefined for Playwright's default.
 * @example
 * ```ts
 * findChromium(); // '/usr/bin/chromium' on Debian with `apt-get install chromium`
 * ```
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  if (fromEnv) return fromEnv;
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
}

/**
 * Options for `chromium.launch()`: the executable from {@link findChromium} and
 * {@link CHROMIUM_ARGS}. Playwright already passes `--no-sandbox` (needed as root) unless
 * `chromiumSandbox: true`.
 *
 * @returns `{ executablePath?, args }` to spread into the launch options.
 * @example
 * ```ts
 * const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
 * ```
 */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const executablePath = findChromium();
  return { ...(executablePath ? { executablePath } : {}), args: [...CHROMIUM_ARGS] };
}

/**
 * Explains how to get a browser when launching failed, e.g. to wrap the launch error with.
 *
 * @param cause - The launch error.
 * @example
 * ```ts
 * const browser = await chromium.launch(chromiumLaunchOptions()).catch((e) => {
 *   throw chromiumLaunchError(e);
 * });
 * ```
 */
export function chromiumLaunchError(cause: unknown): Error {
  const path = findChromium();
  return new Error(
    path
      ? `Could not launch Chromium at ${path}: ${(cause as Error)?.message ?? cause}. Check the path or set CHROMIUM_PATH.`
      : 'No Chromium found: install it (Debian: apt-get install -y chromium), set CHROMIUM_PATH to a Chromium executable, or run `pnpm exec playwright install chromium` where downloads work.',
    { cause },
  );
}
