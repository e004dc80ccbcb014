'use client';
/**
 * `@cobrowse-kit/react` — React bindings for Bring-Your-Own-PIN co-browsing: a provider, hooks over
 * core's session stores, and an agent viewer. Every module here uses hooks, so the whole entry is a
 * client module (`'use client'`, kept in the build by a banner).
 *
 * @example
 * ```tsx
 * import { CobrowseProvider, useCobrowseSession } from '@cobrowse-kit/react';
 * <CobrowseProvider sdkKey="KEY" version="2.5.x"><HelpButton /></CobrowseProvider>
 * ```
 * @module
 */
export {
  CobrowseProvider,
  type CobrowseProviderProps,
  useCobrowseSession,
  type CobrowseSessionState,
} from './customer';
export {
  useAgentSession,
  type AgentSessionState,
  AgentViewer,
  type AgentViewerProps,
} from './agent';
