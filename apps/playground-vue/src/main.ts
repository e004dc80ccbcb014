import { createCobrowse } from '@cobrowse-kit/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { loadConfig, SDK_SETTINGS } from '@cobrowse-kit/playground-shared/support';
import '@cobrowse-kit/playground-shared/checkout.css';

// The plugin is created from the runtime config, so mount once it is known.
try {
  const { sdkKey, version, engineUrl } = await loadConfig();
  createApp(App)
    .use(createCobrowse({ sdkKey, version, baseUrl: engineUrl, settings: SDK_SETTINGS }))
    .mount('#app');
} catch (error) {
  createApp(App, { unavailable: error instanceof Error ? error.message : String(error) }).mount(
    '#app',
  );
}
