/**
 * `@cobrowse-kit/test-utils` (private): a fake Zoom-compatible customer / agent SDK that follows
 * the documented contract, and unsigned test tokens — for core's and the adapters' unit tests.
 * For time, use `vi.useFakeTimers()`: the fakes only use microtasks, so they keep working under it.
 *
 * @example
 * ```ts
 * import { createFakeCustomerSdk, createFakeToken } from '@cobrowse-kit/test-utils';
 * const { sdk, control } = createFakeCustomerSdk({ auto: true });
 * ```
 * @module
 */
export {
  createFakeAgentSdk,
  createFakeCustomerSdk,
  type FakeAgentControl,
  type FakeAgentSdkOptions,
  type FakeCall,
  type FakeControl,
  type FakeCustomerControl,
  type FakeSdkOptions,
} from './fake-sdk';
export { createFakeToken, type FakeTokenOptions } from './fake-token';
