declare const __COBROWSE_KIT_VERSION__: string | undefined;

/** This copy's version; the build may define `__COBROWSE_KIT_VERSION__`, sources say `'dev'`. */
const VERSION = typeof __COBROWSE_KIT_VERSION__ === 'string' ? __COBROWSE_KIT_VERSION__ : 'dev';

/**
 * Warns (once per conflicting copy, outside production) when two different copies of a
 * package are loaded in one page: their stores, `instanceof CobrowseError` checks and SDK
 * bookkeeping would silently not see each other. The global symbol registry is the one place
 * both copies share. Re-evaluating the same version (HMR, test isolation) stays quiet.
 *
 * @param name - Package name, also the `Symbol.for` key.
 * @param version - This copy's version.
 * @example
 * ```ts
 * detectDupes('@cobrowse-kit/react', '1.2.0');
 * ```
 */
export function detectDupes(name: string, version: string): void {
  const g = globalThis as Record<symbol, unknown> & {
    process?: { env?: Record<string, string | undefined> };
  };
  // The first copy registers its version; a later one with another version is the duplicate.
  const key = Symbol.for(name);
  const seen = g[key];
  if (seen === undefined) g[key] = version;
  else if (seen !== version && g.process?.env?.NODE_ENV !== 'production') {
    console.warn(`${name} is loaded twice (${seen} and ${version}): dedupe it.`);
  }
}

detectDupes('@cobrowse-kit/core', VERSION);
