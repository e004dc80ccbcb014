// @vitest-environment node
import { createFakeCustomerSdk } from '@cobrowse-kit/test-utils';
import { expect, test } from 'vitest';
import { createSSRApp, defineComponent, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { CobrowseAgentViewer, createCobrowse, useCobrowseSession } from '../src/index';

const Status = defineComponent({
  setup() {
    const { status, pin } = useCobrowseSession();
    return () => h('p', `${status.value}:${pin.value ?? 'none'}`);
  },
});

test('server rendering touches no window and shows idle', async () => {
  expect(typeof window).toBe('undefined');
  const app = createSSRApp({
    render: () => [h(Status), h(CobrowseAgentViewer, { pin: 'AB12', token: 't' })],
  });
  app.use(createCobrowse({ sdkKey: 'KEY', version: '2.5.x', baseUrl: 'https://engine.test' }));
  const html = await renderToString(app);
  expect(html).toContain('<p>idle:none</p>');
  expect(html).toContain('data-status="idle"');
});

test('server rendering neither subscribes nor initialises the SDK', async () => {
  const { sdk, control } = createFakeCustomerSdk({ auto: true });
  const plugin = createCobrowse({ sdk });
  let subscribed = 0;
  const subscribe = plugin.session.subscribe;
  plugin.session.subscribe = (l) => {
    subscribed++;
    return subscribe(l);
  };
  const app = createSSRApp(Status);
  app.use(plugin);
  await renderToString(app);
  expect(subscribed).toBe(0);
  expect(control.calls).toHaveLength(0);
});
