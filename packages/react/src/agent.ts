'use client';
import {
  type AgentSession,
  type AgentSessionOptions,
  type AgentSnapshot,
  agentOptionsFrom,
  createAgentSession,
  type TokenSource,
} from '@cobrowse-kit/core';
import { createElement, type HTMLAttributes, type ReactElement, useEffect, useRef } from 'react';
import { useCobrowseContext, useOwnedStore, useStoreState } from './internal';

type AgentMethod = 'join' | 'createViewerUrl' | 'leave' | 'preload';
const METHODS: readonly AgentMethod[] = ['join', 'createViewerUrl', 'leave', 'preload'];

/**
 * The agent session as {@link useAgentSession} returns it: the snapshot plus its methods.
 *
 * @example
 * ```ts
 * const { status, viewerUrl, createViewerUrl }: AgentSessionState = useAgentSession();
 * ```
 */
export type AgentSessionState = AgentSnapshot & Pick<AgentSession, AgentMethod>;

/**
 * An agent session owned by the calling component: `status`, `pin`, `viewerUrl`, `error`, and
 * `join`, `createViewerUrl`, `leave`, `preload`. The store is created on the first render and
 * disposed when the component unmounts (StrictMode-safe).
 *
 * Without `options`, it uses the CDN settings (`sdkKey`, `version`, `baseUrl`, ...) of the
 * surrounding {@link CobrowseProvider}: the agent bundle is loaded from the same place. Pass
 * `options` when there is no provider, or to use an agent SDK object (`{ sdk: ZoomCobrowseAgentSDK }`).
 * Options are read on the first render only.
 *
 * @param options - Where the agent SDK comes from, and its settings.
 * @example
 * ```tsx
 * function Console({ pin, token }: { pin: string; token: string }) {
 *   const mount = useRef<HTMLDivElement>(null);
 *   const { status, error, join } = useAgentSession({ sdkKey: 'KEY', version: '2.5.x' });
 *   return (
 *     <>
 *       <button onClick={() => join({ pin, token, mount: mount.current! })}>Join</button>
 *       <p>{error?.message ?? status}</p>
 *       <div ref={mount} />
 *     </>
 *   );
 * }
 * ```
 */
export function useAgentSession(options?: AgentSessionOptions): AgentSessionState {
  const context = useCobrowseContext(!options && 'useAgentSession() without options');
  const session = useOwnedStore(() => {
    return createAgentSession(options ?? agentOptionsFrom(context!.options));
  });
  return useStoreState<AgentSnapshot, AgentSession, AgentMethod, AgentSessionState>(
    session,
    METHODS,
    undefined,
  );
}

/**
 * Props of {@link AgentViewer}. Other props (`className`, `style`, `aria-*`, ...) go to the `div`.
 *
 * @example
 * ```tsx
 * const props: AgentViewerProps = { pin: 'AB12', token: fetchAgentToken, className: 'live-view' };
 * <AgentViewer {...props} />
 * ```
 */
export interface AgentViewerProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The PIN the customer reads out. The viewer joins when it is set and re-joins when it changes. */
  pin: string;
  /** An agent token, or a function that fetches one (read when joining). */
  token: TokenSource;
  /** Where the agent SDK comes from; default: the surrounding provider (see {@link useAgentSession}). */
  options?: AgentSessionOptions;
}

const ignore = () => {};

/**
 * Joins the customer's session by PIN and renders the live view into its own `div`; leaves when
 * the PIN changes or the component unmounts. The `div` carries `data-status` (the agent status),
 * for styling and tests; failures are in that status (`error`) rather than thrown.
 *
 * @example
 * ```tsx
 * <AgentViewer pin="AB12" token={() => fetchAgentToken()} style={{ height: 600 }} />
 * ```
 */
export function AgentViewer({ pin, token, options, ...rest }: AgentViewerProps): ReactElement {
  const mount = useRef<HTMLDivElement>(null);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const { status, join, leave } = useAgentSession(options);
  useEffect(() => {
    if (!pin) return;
    let joined = false;
    // One task late, and cancelled by the cleanup: StrictMode's mount → unmount → mount then joins
    // once instead of join → leave → join. The token is read here so a new token function per
    // render does not re-join.
    const timer = setTimeout(() => {
      joined = true;
      // The failure is in the snapshot (status 'error', `error`); the rejection is not news.
      join({ pin, token: tokenRef.current, mount: mount.current! }).catch(ignore);
    });
    return () => {
      clearTimeout(timer);
      if (joined) leave().catch(ignore);
    };
  }, [pin, join, leave]);
  return createElement('div', { ...rest, ref: mount, 'data-status': status });
}
