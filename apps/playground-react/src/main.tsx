import { CobrowseProvider } from '@cobrowse-kit/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, HelpPanel, HelpUnavailable } from './App';
import { loadConfig, SDK_SETTINGS } from '@cobrowse-kit/playground-shared/support';
import '@cobrowse-kit/playground-shared/checkout.css';

const root = createRoot(document.getElementById('app')!);

// The provider reads its props once, so render after the runtime config is known.
try {
  const { sdkKey, version, engineUrl } = await loadConfig();
  root.render(
    <StrictMode>
      <CobrowseProvider
        sdkKey={sdkKey}
        version={version}
        baseUrl={engineUrl}
        settings={SDK_SETTINGS}
      >
        <App help={<HelpPanel />} />
      </CobrowseProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <StrictMode>
      <App
        help={<HelpUnavailable reason={error instanceof Error ? error.message : String(error)} />}
      />
    </StrictMode>,
  );
}
