/**
 * Where a CDN-style bundle connects (docs/engine.md, "Where the sdk connects"): the relay that
 * served it replaces the placeholder below with its public URL; otherwise `settings.serverUrl`;
 * otherwise the origin of the script that loaded the bundle.
 */

/**
 * Replaced by the relay when it serves the bundle: the quoted literal becomes a JSON string
 * holding the relay's public URL. Used exactly once, so the bundle contains it exactly once.
 */
const PUBLIC_URL: string = '__COBROWSE_KIT_PUBLIC_URL__';

/**
 * The relay URL baked in at serve time, if any. The placeholder itself is never a URL, so the
 * check survives minifiers that would fold a comparison against the same literal.
 *
 * @example
 * ```ts
 * bakedPublicUrl('https://relay.example.com'); // 'https://relay.example.com'
 * bakedPublicUrl();                             // undefined (not served by a relay)
 * ```
 */
export function bakedPublicUrl(value: string = PUBLIC_URL): string | undefined {
  return /^(https?|wss?):\/\//i.test(value) ? value : undefined;
}

/**
 * The origin of the script element running now (only available while the bundle evaluates).
 *
 * @example
 * ```ts
 * const origin = currentScriptOrigin(); // capture at load time
 * ```
 */
export function currentScriptOrigin(
  doc: Document | undefined = globalThis.document,
): string | undefined {
  try {
    const script = doc?.currentScript as HTMLScriptElement | null | undefined;
    return script?.src ? new URL(script.src).origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds the bundle's server-URL resolver: baked URL, then `settings.serverUrl`, then the script's
 * origin, then the page's origin.
 *
 * @example
 * ```ts
 * const serverUrl = iifeServerUrl(bakedPublicUrl(), currentScriptOrigin());
 * serverUrl({ serverUrl: 'https://relay.example.com' });
 * ```
 */
export function iifeServerUrl(
  baked: string | undefined,
  scriptOrigin: string | undefined,
): (settings: { serverUrl?: unknown }) => string {
  return (settings) => {
    if (baked) return baked;
    if (typeof settings.serverUrl === 'string' && settings.serverUrl) return settings.serverUrl;
    return scriptOrigin ?? globalThis.location.origin;
  };
}
