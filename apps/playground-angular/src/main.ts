import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideCobrowse } from '@cobrowse-kit/angular';
import { AppComponent, HELP_UNAVAILABLE } from './app/app.component';
import { loadConfig, SDK_SETTINGS } from '@cobrowse-kit/playground-shared/support';

// provideCobrowse() takes its config once, so bootstrap after the runtime config is known.
try {
  const { sdkKey, version, engineUrl } = await loadConfig();
  await bootstrapApplication(AppComponent, {
    providers: [
      provideZonelessChangeDetection(),
      provideCobrowse({ sdkKey, version, baseUrl: engineUrl, settings: SDK_SETTINGS }),
    ],
  });
} catch (error) {
  await bootstrapApplication(AppComponent, {
    providers: [
      provideZonelessChangeDetection(),
      {
        provide: HELP_UNAVAILABLE,
        useValue: error instanceof Error ? error.message : String(error),
      },
    ],
  });
}
