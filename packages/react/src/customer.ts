'use client';
import {
  type CustomerSession,
  type CustomerSessionOptions,
  type CustomerSnapshot,
  createCustomerSession,
} from '@cobrowse-kit/core';
import { createElement, type ReactElement, type ReactNode, useState } from 'react';
import { CobrowseContext, useCobrowseContext, useOwnedStore, useStoreState } from './internal';

/**
 * Props of {@link CobrowseProvider}: where the SDK comes from — the CDN loader (`sdkKey`,
 * `version`, optional `baseUrl`, `nonce`, `timeoutMs`) or an SDK object / factory (`sdk`) from an
 * npm import — plus the SDK `settings` (masking, annotation, remote assist, ...).
 */
export type CobrowseProviderProps = CustomerSessionOptions & { children?: ReactNode };

type CustomerMethod = 'start' | 'end' | 'resume' | 'preload';
const METHODS: readonly CustomerMethod[] = ['start', 'end', 'resume', 'preload'];

/**
 * The customer session as {@link useCobrowseSession} returns it: the snapshot plus its methods.
 *
 * @example
 * ```ts
 * const isLive = (s: CobrowseSessionState) => s.status === 'waiting' || s.status === 'in_session';
 * const live = useCobrowseSession(isLive);
 * ```
 */
export type CobrowseSessionState = CustomerSnapshot & Pick<CustomerSession, CustomerMethod>;

/**
 * Creates the customer session store once and shares it with {@link useCobrowseSession}. The store
 * is disposed (listeners released, SDK session ended) when the provider unmounts; StrictMode's
 * simulated unmount is survived. Props are read on the first render only: to switch SDK keys,
 * remount it with a React `key`.
 *
 * @example
 * ```tsx
 * <CobrowseProvider
 *   sdkKey={import.meta.env.VITE_COBROWSE_SDK_KEY}
 *   version="2.5.x"
 *   settings={{ piiMask: { maskType: 'custom_input', maskCssSelectors: '.cobrowse-mask' } }}
 * >
 *   <App />
 * </CobrowseProvider>
 * ```
 */
export function CobrowseProvider({ children, ...options }: CobrowseProviderProps): ReactElement {
  const session = useOwnedStore(() => createCustomerSession(options));
  const [value] = useState(() => ({ session, options }));
  return createElement(CobrowseContext.Provider, { value }, children);
}

/**
 * The customer session: `status`, the `pin` to read out, `agents` present, `error`, and `start`,
 * `end`, `resume`, `preload`. Re-renders when the snapshot changes; pass a `selector` (and
 * optionally `isEqual`) to re-render only when the selected value changes. On the server it
 * renders the idle state. Must be used inside {@link CobrowseProvider}.
 *
 * @param selector - Picks a value from the state (snapshot and methods); default: the whole state.
 * @param isEqual - Compares the previous and next selection; default `Object.is`.
 * @example
 * ```tsx
 * function HelpButton() {
 *   const { status, pin, start } = useCobrowseSession();
 *   if (pin) return <p>Your PIN: {pin}</p>;
 *   return (
 *     <button disabled={status !== 'idle'} onClick={() => start({ token: fetchToken })}>
 *       Get help
 *     </button>
 *   );
 * }
 * const agentCount = useCobrowseSession((s) => s.agents.length);
 * ```
 */
export function useCobrowseSession(): CobrowseSessionState;
export function useCobrowseSession<T>(
  selector: (state: CobrowseSessionState) => T,
  isEqual?: (a: T, b: T) => boolean,
): T;
export function useCobrowseSession<T>(
  selector?: (state: CobrowseSessionState) => T,
  isEqual?: (a: T, b: T) => boolean,
): T | CobrowseSessionState {
  const { session } = useCobrowseContext('useCobrowseSession()')!;
  return useStoreState<CustomerSnapshot, CustomerSession, CustomerMethod, T | CobrowseSessionState>(
    session,
    METHODS,
    selector as ((state: CobrowseSessionState) => T) | undefined,
    isEqual as ((a: unknown, b: unknown) => boolean) | undefined,
  );
}
