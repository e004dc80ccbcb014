import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { CobrowseService } from './cobrowse.service';
import { COBROWSE_CONFIG, type CobrowseConfig } from './config';

/**
 * Configures co-browsing for an application (or a lazy route): the SDK source and its settings.
 * Provides {@link CobrowseService}, which `injectCobrowseSession()` returns.
 *
 * @param config - CDN loader (`sdkKey`, `version`, `baseUrl`) or SDK objects, plus settings.
 * @returns Environment providers for `bootstrapApplication` or a route's `providers`.
 * @example
 * ```ts
 * bootstrapApplication(App, {
 *   providers: [
 *     provideZonelessChangeDetection(),
 *     provideCobrowse({ sdkKey: 'KEY', version: '2.5.x', settings: { piiMask: { maskType: 'custom_input', maskCssSelectors: '.cobrowse-mask' } } }),
 *   ],
 * });
 * ```
 */
export function provideCobrowse(config: CobrowseConfig): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: COBROWSE_CONFIG, useValue: config },
    CobrowseService,
  ]);
}
