import { InjectionToken, inject } from '@angular/core';
import type {
  AgentSessionOptions,
  CustomerSessionOptions,
  ZoomCobrowseAgentSDK,
  ZoomCobrowseCustomerSDK,
  ZoomCustomerSettings,
} from '@cobrowse-kit/core';

/** An SDK object, or a (possibly async) function returning one — e.g. a dynamic `import()`. */
export type SdkOrFactory<T> = T | (() => T | Promise<T>);

/**
 * How `provideCobrowse()` gets the SDK, and the settings it passes to `init`.
 * Either the CDN loader (`sdkKey` + `version`, optional `baseUrl` for a self-hosted engine) or SDK
 * objects from an npm import (`sdk` for the customer side, `agentSdk` for the agent side).
 */
export type CobrowseConfig = (
  | { sdkKey: string; version: string; baseUrl?: string; nonce?: string; timeoutMs?: number }
  | {
      sdk?: SdkOrFactory<ZoomCobrowseCustomerSDK>;
      agentSdk?: SdkOrFactory<ZoomCobrowseAgentSDK>;
    }
) & {
  /** Customer `init` settings (PII masking, annotations, remote assist...). */
  settings?: ZoomCustomerSettings;
  /** Agent `init` settings; `zoomAppRoot` is set by the viewer. */
  agentSettings?: AgentSessionOptions['settings'];
};

/** @internal Holds the config for the service and `injectAgentSession()`. */
export const COBROWSE_CONFIG = new InjectionToken<CobrowseConfig>('COBROWSE_CONFIG');

// The config is core's customer options plus the agent's two keys; core validates the SDK
// (a missing one fails `start()` / `join()` with SDK_SURFACE_INVALID and a message that says why).
/** @internal */
export const customerOptions = (config: CobrowseConfig) => config as CustomerSessionOptions;

/** @internal */
export const agentOptions = (config: CobrowseConfig): AgentSessionOptions =>
  ('sdkKey' in config
    ? { ...config, settings: config.agentSettings }
    : { sdk: config.agentSdk, settings: config.agentSettings }) as AgentSessionOptions;

/** @internal The config, or an error that says how to provide it. */
export function injectConfig(): CobrowseConfig {
  const config = inject(COBROWSE_CONFIG, { optional: true });
  if (!config) throw new Error('cobrowse-kit: add provideCobrowse() to your providers.');
  return config;
}
