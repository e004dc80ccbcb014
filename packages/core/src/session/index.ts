/**
 * The session runtime: one store per customer or agent session over a Zoom-compatible SDK, with
 * the `subscribe` / `getSnapshot` / `getServerSnapshot` contract every adapter binds to. All
 * status transitions, event mapping and error mapping happen here once.
 *
 * @example
 * ```ts
 * import { createCustomerSession } from '@cobrowse-kit/core';
 * const session = createCustomerSession({ sdk: ZoomCobrowseSDK });
 * session.subscribe(() => console.log(session.getSnapshot()));
 * await session.start({ pin: 'AB12', token });
 * ```
 * @module
 */
export { createAgentSession } from './agent';
export { createCustomerSession } from './customer';
export { agentOptionsFrom } from './options';
export { detectDupes } from './dupes';
export type {
  AgentPresence,
  AgentSession,
  AgentSessionOptions,
  AgentSnapshot,
  AgentStatus,
  CustomerSession,
  CustomerSessionOptions,
  CustomerSnapshot,
  CustomerStatus,
  SdkSource,
  Store,
  TokenSource,
} from './types';
