import { err } from '../errors';
import * as M from '../messages';
import type { AgentSessionOptions, CustomerSessionOptions } from './types';

/**
 * The agent-session options that match a customer session's: the CDN source (`sdkKey`,
 * `version`, `baseUrl`, `nonce`, `timeoutMs`) carries over, customer `settings` do not. A customer
 * SDK object (`{ sdk }`) cannot drive the agent side, so that throws `SDK_ROLE_MISMATCH`. This is
 * what lets an adapter's agent hook reuse its provider's configuration.
 *
 * @example
 * ```ts
 * const customer = { sdkKey: 'KEY', version: '2.5.x', settings: { piiMask: { maskType: 'all_input' } } };
 * const agent = createAgentSession(agentOptionsFrom(customer)); // { sdkKey: 'KEY', version: '2.5.x' }
 * ```
 */
export function agentOptionsFrom(options: CustomerSessionOptions): AgentSessionOptions {
  const { settings: _customerSettings, ...source } = options;
  if ('sdk' in source) throw err('SDK_ROLE_MISMATCH', M.SDK_ROLE_MISMATCH);
  return source;
}
