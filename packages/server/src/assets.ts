// Serves the sdk's IIFE bundles with the public-URL placeholder filled in. Each bundle is read
// once per (file version, public URL) and kept with its gzip form and ETag.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The sdk bundles the relay serves. */
export type BundleName = 'customer' | 'agent' | 'viewer';

/**
 * The literal every IIFE bundle carries (in quotes) where the relay's public URL goes.
 *
 * @example
 * ```ts
 * source.replace(`"${PUBLIC_URL_PLACEHOLDER}"`, JSON.stringify('https://relay.example.com'));
 * ```
 */
export const PUBLIC_URL_PLACEHOLDER = '__COBROWSE_KIT_PUBLIC_URL__';

const MAX_CACHED = 32;

export interface LoadedBundle {
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

/** Where `@cobrowse-kit/sdk` keeps its IIFE bundles, or `undefined` if the sdk is not installed. */
export function defaultBundleDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return path.join(
      path.dirname(require.resolve('@cobrowse-kit/sdk/package.json')),
      'dist',
      'iife',
    );
  } catch {
    return undefined;
  }
}

/** Fills the placeholder, whichever quotes the bundler kept around it. */
export function injectPublicUrl(source: string, publicUrl: string): string {
  const value = JSON.stringify(publicUrl);
  return source
    .split(`"${PUBLIC_URL_PLACEHOLDER}"`)
    .join(value)
    .split(`'${PUBLIC_URL_PLACEHOLDER}'`)
    .join(value);
}

export class BundleCache {
  private readonly cache = new Map<string, { stamp: string; bundle: LoadedBundle }>();

  constructor(private readonly dir: string | undefined) {}

  /** The bundle, or `undefined` when its file does not exist (the sdk is not built). */
  async load(name: BundleName, publicUrl: string): Promise<LoadedBundle | undefined> {
    if (!this.dir) return undefined;
    const file = path.join(this.dir, `${name}.js`);
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(file);
    } catch {
      return undefined;
    }
    if (!st.isFile()) return undefined;
    // Re-reading on change keeps `pnpm dev` honest after an sdk rebuild.
    const stamp = `${st.mtimeMs}:${st.size}`;
    const key = `${name}\u0000${publicUrl}`;
    const hit = this.cache.get(key);
    if (hit && hit.stamp === stamp) return hit.bundle;
    const body = Buffer.from(injectPublicUrl(await readFile(file, 'utf8'), publicUrl));
    const bundle: LoadedBundle = {
      body,
      gzip: gzipSync(body),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    };
    this.cache.delete(key);
    this.cache.set(key, { stamp, bundle });
    // Host-derived public URLs are client-controlled: keep the cache from growing with them.
    if (this.cache.size > MAX_CACHED) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return bundle;
  }

  /** Where a missing bundle was expected, for the 503 message. */
  describe(name: BundleName): string {
    return this.dir ? path.join(this.dir, `${name}.js`) : `@cobrowse-kit/sdk/dist/iife/${name}.js`;
  }
}
