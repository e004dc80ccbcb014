import { createFakeAgentSdk, createFakeToken } from '@cobrowse-kit/test-utils';
import { cleanup, render } from '@testing-library/vue';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createApp, defineComponent, effectScope, h, nextTick, ref } from 'vue';
import { CobrowseAgentViewer, createCobrowse, useAgentSession } from '../src/index';

afterEach(cleanup);

const token = createFakeToken({ role: 'agent' });

describe('CobrowseAgentViewer', () => {
  test('joins into its own div, reflects the status, leaves and disposes on unmount', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const { container, unmount } = render(CobrowseAgentViewer, {
      props: { pin: 'AB12', token, options: { sdk } },
      attrs: { class: 'viewer' },
    });
    const div = container.querySelector('.viewer') as HTMLDivElement;
    await vi.waitFor(() => expect(div.dataset.status).toBe('in_session'));
    expect(control.settings?.zoomAppRoot).toBe(div);
    expect(control.callsTo('session.join')[0]!.args[0]).toMatchObject({ pinCode: 'AB12' });

    unmount();
    await control.flush();
    expect(control.callsTo('session.leave')).toHaveLength(1);
    expect(control.listenerCount()).toBe(0);
  });

  // The viewer leaves and joins synchronously when the PIN changes, so the fake's asynchronous
  // acknowledgement of leave() lands in the new join, which core must ignore.
  test('a new PIN leaves and joins again into the same div', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const pin = ref('AB12');
    const Host = defineComponent({
      setup: () => () =>
        h(CobrowseAgentViewer, { pin: pin.value, token: () => token, options: { sdk } }),
    });
    const { container } = render(Host);
    const div = container.firstElementChild as HTMLDivElement;
    await vi.waitFor(() => expect(div.dataset.status).toBe('in_session'));
    pin.value = 'CD34';
    await nextTick();
    await control.flush();
    expect(control.callsTo('session.leave')).toHaveLength(1);
    await vi.waitFor(() => expect(control.callsTo('session.join')).toHaveLength(2));
    expect(control.callsTo('session.join')[1]!.args[0]).toMatchObject({ pinCode: 'CD34' });
    await vi.waitFor(() => expect(div.dataset.status).toBe('in_session'));
  });

  test('a failed join shows as data-status="error"', async () => {
    const { sdk, control } = createFakeAgentSdk();
    control.failInit({ errorCode: 2001, errorMsg: 'bad token' });
    const { container } = render(CobrowseAgentViewer, {
      props: { pin: 'AB12', token, options: { sdk } },
    });
    const div = container.firstElementChild as HTMLDivElement;
    await vi.waitFor(() => expect(div.dataset.status).toBe('error'));
  });
});

describe('useAgentSession', () => {
  test('createViewerUrl fills the viewerUrl ref; the scope disposes the store', async () => {
    const { sdk, control } = createFakeAgentSdk({ viewerUrl: 'https://viewer.test/v' });
    const scope = effectScope();
    const { viewerUrl, createViewerUrl } = scope.run(() => useAgentSession({ sdk }))!;
    await createViewerUrl({ pin: 'AB12', token });
    expect(viewerUrl.value).toBe('https://viewer.test/v');
    expect(control.listenerCount()).toBeGreaterThan(0);
    scope.stop();
    expect(control.listenerCount()).toBe(0);
  });

  test('without options it reuses the plugin CDN settings; without them it says what to pass', () => {
    const app = createApp({ render: () => null });
    app.use(createCobrowse({ sdkKey: 'KEY', version: '2.5.x', baseUrl: 'https://engine.test' }));
    const scope = effectScope();
    expect(app.runWithContext(() => scope.run(() => useAgentSession()))!.status.value).toBe('idle');
    scope.stop();

    const { sdk } = createFakeAgentSdk();
    const other = createApp({ render: () => null });
    other.use(createCobrowse({ sdk: sdk as never }));
    expect(() => other.runWithContext(() => useAgentSession())).toThrow(
      expect.objectContaining({ code: 'SDK_ROLE_MISMATCH' }),
    );
    // Outside any app Vue warns about inject() itself; the thrown message is what matters here.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => useAgentSession()).toThrow(/needs options/);
    warn.mockRestore();
  });
});
