import { createFakeCustomerSdk, createFakeToken } from '@cobrowse-kit/test-utils';
import { cleanup, fireEvent, render, screen } from '@testing-library/vue';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createApp, defineComponent, effectScope, h, isReadonly, nextTick } from 'vue';
import { CobrowseKey, createCobrowse, useCobrowseSession } from '../src/index';

afterEach(cleanup);

const token = createFakeToken({ byop: true });

const Help = defineComponent({
  props: { pin: String },
  setup(props) {
    // Destructured on purpose: the refs must stay reactive.
    const { status, pin, agents, error, start, end } = useCobrowseSession();
    return () =>
      h('div', [
        h('p', { 'data-testid': 'status' }, status.value),
        h('p', { 'data-testid': 'pin' }, pin.value ?? ''),
        h('p', { 'data-testid': 'agents' }, agents.value.map((a) => a.userName).join(', ')),
        h('p', { 'data-testid': 'error' }, error.value?.code ?? ''),
        h(
          'button',
          { onClick: () => start({ pin: props.pin, token }).catch(() => {}) },
          'Get help',
        ),
        h('button', { onClick: () => end() }, 'End session'),
      ]);
  },
});

describe('createCobrowse + useCobrowseSession', () => {
  test('starts with a chosen PIN, shows agents, ends — through destructured refs', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const plugin = createCobrowse({
      sdk,
      settings: { piiMask: { maskType: 'custom_input', maskCssSelectors: '.m' } },
    });
    render(Help, { props: { pin: 'ab12' }, global: { plugins: [plugin] } });
    expect(screen.getByTestId('status').textContent).toBe('idle');
    await fireEvent.click(screen.getByText('Get help'));
    expect(await screen.findByText('AB12')).toBeTruthy();
    await vi.waitFor(() => expect(screen.getByTestId('status').textContent).toBe('waiting'));
    expect(control.settings).toMatchObject({ piiMask: { maskCssSelectors: '.m' } });
    expect(control.callsTo('session.start')[0]!.args[0]).toMatchObject({ customPinCode: 'AB12' });

    control.agentJoined({ userId: 'a1', userName: 'Dana' });
    await nextTick();
    expect(screen.getByTestId('agents').textContent).toBe('Dana');
    expect(screen.getByTestId('status').textContent).toBe('in_session');

    await fireEvent.click(screen.getByText('End session'));
    await vi.waitFor(() => expect(screen.getByTestId('status').textContent).toBe('ended'));
    expect(control.callsTo('session.end')).toHaveLength(1);
  });

  test('errors land in the refs with their code', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    render(Help, { props: { pin: 'ab-12' }, global: { plugins: [createCobrowse({ sdk })] } });
    await fireEvent.click(screen.getByText('Get help'));
    await vi.waitFor(() =>
      expect(screen.getByTestId('error').textContent).toBe('PIN_INVALID_CHARS'),
    );
    expect(screen.getByTestId('status').textContent).toBe('error');
    expect(control.callsTo('session.start')).toHaveLength(0);
  });

  test('refs are readonly; only the fields a component reads re-render it', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    let renders = 0;
    let refs!: ReturnType<typeof useCobrowseSession>;
    const Count = defineComponent({
      setup() {
        refs = useCobrowseSession();
        return () => {
          renders++;
          return h('p', { 'data-testid': 'count' }, refs.agents.value.length);
        };
      },
    });
    render(Count, { global: { plugins: [createCobrowse({ sdk })] } });
    expect(isReadonly(refs.status)).toBe(true);
    const before = renders;
    await refs.start({ pin: 'q1', token });
    await nextTick();
    expect(refs.pin.value).toBe('Q1');
    // idle → loading → ... → waiting, and a PIN: the agent list never changed.
    expect(renders).toBe(before);
    control.agentJoined({ userId: 'a1', userName: 'Dana' });
    await nextTick();
    expect(screen.getByTestId('count').textContent).toBe('1');
    expect(renders).toBe(before + 1);
  });

  test('unsubscribes with the effect scope; app.unmount() disposes the store', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const plugin = createCobrowse({ sdk });
    const app = createApp({ render: () => null });
    app.use(plugin);
    const scope = effectScope();
    const refs = app.runWithContext(() => scope.run(() => useCobrowseSession())!);
    await refs.start({ token });
    expect(refs.status.value).toBe('waiting');
    scope.stop();
    control.agentJoined({ userId: 'a1', userName: 'Dana' });
    // The store moved on; the stopped scope's refs did not follow.
    expect(plugin.session.getSnapshot().status).toBe('in_session');
    expect(refs.status.value).toBe('waiting');

    app.mount(document.createElement('div'));
    expect(control.listenerCount()).toBeGreaterThan(0);
    app.unmount();
    expect(control.listenerCount()).toBe(0);
  });

  test('warns in development when used outside an effect scope', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { sdk } = createFakeCustomerSdk();
    const app = createApp({ render: () => null });
    app.use(createCobrowse({ sdk }));
    app.runWithContext(() => useCobrowseSession());
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/outside an effect scope/));
    warn.mockRestore();
  });

  test('without the plugin: an error that says what to install', () => {
    const app = createApp({ render: () => null });
    expect(() => app.runWithContext(() => useCobrowseSession())).toThrow(
      /app\.use\(createCobrowse/,
    );
  });

  test('CobrowseKey gives access to the store', () => {
    const { sdk } = createFakeCustomerSdk();
    const plugin = createCobrowse({ sdk });
    const app = createApp({ render: () => null });
    app.use(plugin);
    expect(app.runWithContext(() => app._context.provides[CobrowseKey as symbol])).toMatchObject({
      session: plugin.session,
    });
  });
});
