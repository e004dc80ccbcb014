// @vitest-environment node
import { createFakeCustomerSdk } from '@cobrowse-kit/test-utils';
import { renderToString } from 'react-dom/server';
import { expect, test } from 'vitest';
import { AgentViewer, CobrowseProvider, useCobrowseSession } from '../src/index';

function Status() {
  const { status, pin } = useCobrowseSession();
  return (
    <p>
      {status}:{pin ?? 'none'}
    </p>
  );
}

test('server rendering touches no window and shows idle', () => {
  expect(typeof window).toBe('undefined');
  const html = renderToString(
    <CobrowseProvider sdkKey="KEY" version="2.5.x" baseUrl="https://engine.test">
      <Status />
      <AgentViewer pin="AB12" token="t" />
    </CobrowseProvider>,
  );
  expect(html).toContain('idle<!-- -->:<!-- -->none');
  expect(html).toContain('data-status="idle"');
});

test('server rendering with an SDK object does not initialise it', () => {
  const { sdk, control } = createFakeCustomerSdk({ auto: true });
  renderToString(
    <CobrowseProvider sdk={sdk}>
      <Status />
    </CobrowseProvider>,
  );
  expect(control.calls).toHaveLength(0);
});
