import type { Page } from '@playwright/test';
import { HOOK_SCRIPT, type HookSnapshot } from './hook';

// Pages whose hook is installed: addInitScript twice would run the hook twice per navigation
// (harmless, it guards itself, but wasteful and confusing in traces).
const hooked = new WeakSet<Page>();

/** Installs the SDK hook on a page; idempotent.
 * @internal Not part of the public API (not exported from the package entry).
 */
export async function installHook(page: Page): Promise<void> {
  if (hooked.has(page)) return;
  hooked.add(page);
  await page.addInitScript({ content: HOOK_SCRIPT });
}

/** Reads the hook's JSON-safe state for one role. `null` while the page is between documents.
 * @internal Not part of the public API (not exported from the package entry).
 */
export async function readHook(
  page: Page,
  role: 'customer' | 'agent',
): Promise<HookSnapshot | null> {
  try {
    return await page.evaluate((r) => {
      type S = {
        initialized: boolean;
        initOk: boolean | null;
        initError: HookSnapshot['initError'];
        initialStatus: string | null;
        pin: string | null;
        events: HookSnapshot['events'];
        session: { getSessionInfo?: () => { sessionStatus?: string } } | null;
      };
      const h = (window as unknown as { __cobrowseHarness?: Record<string, S> }).__cobrowseHarness;
      const s = h?.[r];
      if (!s) return null;
      let status: string | null = null;
      try {
        status = s.session?.getSessionInfo?.().sessionStatus ?? null;
      } catch {
        status = null;
      }
      return {
        initialized: s.initialized,
        initOk: s.initOk,
        initError: s.initError,
        initialStatus: s.initialStatus,
        status,
        pin: s.pin,
        events: s.events.slice(),
      };
    }, role);
  } catch (e) {
    // A navigation destroyed the context mid-read: report "no state yet" and let the caller poll.
    if (page.isClosed()) throw e;
    return null;
  }
}

/** Polls `check` against the hook state until it returns a value, or rejects with `onTimeout()`.
 * @internal Not part of the public API (not exported from the package entry).
 */
export async function pollHook<T>(
  page: Page,
  role: 'customer' | 'agent',
  timeout: number,
  check: (s: HookSnapshot | null) => T | undefined,
  onTimeout: (last: HookSnapshot | null) => Error,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: HookSnapshot | null = null;
  for (;;) {
    last = await readHook(page, role);
    const value = check(last);
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw onTimeout(last);
    // 20 ms: a little above one frame, fast enough to keep the harness's own latency negligible.
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Calls a method on the hooked session inside the page.
 * @internal Not part of the public API (not exported from the package entry).
 */
export async function callSession(
  page: Page,
  role: 'customer' | 'agent',
  method: string,
  arg?: unknown,
): Promise<void> {
  await page.evaluate(
    ({ r, m, a }) => {
      const h = (
        window as unknown as {
          __cobrowseHarness?: Record<string, { session: Record<string, unknown> | null }>;
        }
      ).__cobrowseHarness;
      const session = h?.[r]?.session;
      const fn = session?.[m];
      if (typeof fn !== 'function') throw new Error(`session.${m} is not available yet`);
      (fn as (x?: unknown) => void).call(session, ...(a === undefined ? [] : [a]));
    },
    { r: role, m: method, a: arg },
  );
}
