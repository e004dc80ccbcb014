/**
 * `@cobrowse-kit/angular` — Angular bindings for Bring-Your-Own-PIN co-browsing: `provideCobrowse()`,
 * `CobrowseService` / `injectCobrowseSession()` with signals, `injectAgentSession()`, and the
 * `<cobrowse-agent-viewer>` component. All session logic lives in `@cobrowse-kit/core`.
 *
 * @example
 * ```ts
 * import { provideCobrowse, injectCobrowseSession } from '@cobrowse-kit/angular';
 * bootstrapApplication(App, { providers: [provideCobrowse({ sdkKey: 'KEY', version: '2.5.x' })] });
 * // in a component: readonly session = injectCobrowseSession(); session.start({ token });
 * ```
 * @packageDocumentation
 */
export {
  type AgentSessionSignals,
  CobrowseAgentViewerComponent,
  injectAgentSession,
} from './agent';
export {
  type CobrowseSessionSignals,
  CobrowseService,
  type InjectSessionOptions,
  injectCobrowseSession,
} from './cobrowse.service';
export type { CobrowseConfig, SdkOrFactory } from './config';
export { provideCobrowse } from './providers';
export type {
  AgentPresence,
  AgentStatus,
  CobrowseError,
  CustomerStatus,
  ErrorCode,
  TokenSource,
} from '@cobrowse-kit/core';
