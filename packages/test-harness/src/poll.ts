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
  return (await readHookAfter(page, role, -1, 0))?.snapshot ?? null;
}

/** Like {@link readHook}, but first waits (in the page, up to `waitMs`) for the hook's state to
 * change from revision `rev`: one round trip per change instead of a poll every few ms. `null`
 * while the page is between documents or has no hook yet.
 */
async function readHookAfter(
  page: Page,
  role: 'customer' | 'agent',
  rev: number,
  waitMs: number,
): Promise<{ snapshot: HookSnapshot | null; rev: number } | null> {
  try {
    return await page.evaluate(
      async ({ r, rev, ms }) => {
        type S = {
          initialized: boolean;
          initOk: boolean | null;
          initError: HookSnapshot['initError'];
          initialStatus: string | null;
          pin: string | null;
          events: HookSnapshot['events'];
          session: { getSessionInfo?: () => { sessionStatus?: string } } | null;
        };
        type H = Record<string, S> & {
          rev?: number;
          wait?: (rev: number, ms: number) => Promise<void>;
        };
        const h = (window as unknown as { __cobrowseHarness?: H }).__cobrowseHarness;
        if (h && ms > 0 && typeof h.wait === 'function') await h.wait(rev, ms);
        const s = h?.[r];
        if (!s) return null;
        let status: string | null = null;
        try {
          status = s.session?.getSessionInfo?.().sessionStatus ?? null;
        } catch {
          status = null;
        }
        return {
          rev: typeof h.rev === 'number' ? h.rev : -1,
          snapshot: {
            initialized: s.initialized,
            initOk: s.initOk,
            initError: s.initError,
            initialStatus: s.initialStatus,
            status,
            pin: s.pin,
            events: s.events.slice(),
          },
        };
      },
      { r: role, rev, ms: waitMs },
    );
  } catch (e) {
    // A navigation destroyed the context mid-read: report "no state yet" and let the caller poll.
    if (page.isClosed()) throw e;
    return null;
  }
}

/** Polls `check` against the hook state until it returns a value, or rejects with `onTimeout()`.
 * Each read after the first waits in the page until the hook reports a change (or 100 ms pass,
 * for state the hook cannot see change, such as the session status), so the harness learns of
 * an event within one round trip.
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
  let rev = -1;
  for (;;) {
    const remaining = deadline - Date.now();
    const read = await readHookAfter(
      page,
      role,
      rev,
      rev < 0 ? 0 : Math.max(0, Math.min(100, remaining)),
    );
    last = read?.snapshot ?? null;
    const value = check(last);
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw onTimeout(last);
    if (read && read.rev >= 0) {
      rev = read.rev;
    } else {
      // No hook state (between documents, or a page without the hook): poll as before.
      rev = -1;
      await new Promise((r) => setTimeout(r, 20));
    }
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
