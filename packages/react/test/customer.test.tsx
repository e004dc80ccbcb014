import { createFakeCustomerSdk, createFakeToken } from '@cobrowse-kit/test-utils';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { CobrowseProvider, useCobrowseSession } from '../src/index';

afterEach(cleanup);

const token = createFakeToken({ byop: true });
// Disposal is one task late (see useOwnedStore): let it run.
const nextTask = () => act(() => new Promise<void>((r) => setTimeout(r)));

function Help({ pin }: { pin?: string }) {
  const { status, pin: shown, agents, error, start, end } = useCobrowseSession();
  return (
    <div>
      <p data-testid="status">{status}</p>
      <p data-testid="pin">{shown ?? ''}</p>
      <p data-testid="agents">{agents.map((a) => a.userName).join(', ')}</p>
      <p data-testid="error">{error?.code ?? ''}</p>
      <button type="button" onClick={() => start({ pin, token }).catch(() => {})}>
        Get help
      </button>
      <button type="button" onClick={() => end()}>
        End session
      </button>
    </div>
  );
}

/** Re-renders only when the number of agents changes; counts its renders. */
function AgentCount({ renders }: { renders: { count: number } }) {
  const count = useCobrowseSession((s) => s.agents.length);
  renders.count++;
  return <p data-testid="count">{count}</p>;
}

/** Selects only the (stable) start method. */
function StartOnly() {
  const start = useCobrowseSession((s) => s.start);
  return (
    <button type="button" onClick={() => start({ pin: 'q1', token })}>
      Get help
    </button>
  );
}

/** Records the state object of every render. */
function Probe({ seen }: { seen: unknown[] }) {
  const [, force] = useState(0);
  seen.push(useCobrowseSession());
  return (
    <button type="button" onClick={() => force((n) => n + 1)}>
      again
    </button>
  );
}

describe('CobrowseProvider + useCobrowseSession', () => {
  test('starts with a chosen PIN, shows agents, ends', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    render(
      <CobrowseProvider
        sdk={sdk}
        settings={{ piiMask: { maskType: 'custom_input', maskCssSelectors: '.m' } }}
      >
        <Help pin="ab12" />
      </CobrowseProvider>,
    );
    expect(screen.getByTestId('status').textContent).toBe('idle');
    fireEvent.click(screen.getByText('Get help'));
    expect(await screen.findByText('AB12')).toBeTruthy();
    await vi.waitFor(() => expect(screen.getByTestId('status').textContent).toBe('waiting'));
    expect(control.settings).toMatchObject({ piiMask: { maskCssSelectors: '.m' } });
    expect(control.callsTo('session.start')[0]!.args[0]).toMatchObject({ customPinCode: 'AB12' });

    act(() => control.agentJoined({ userId: 'a1', userName: 'Dana' }));
    expect(screen.getByTestId('agents').textContent).toBe('Dana');
    expect(screen.getByTestId('status').textContent).toBe('in_session');

    fireEvent.click(screen.getByText('End session'));
    await vi.waitFor(() => expect(screen.getByTestId('status').textContent).toBe('ended'));
    expect(control.callsTo('session.end')).toHaveLength(1);
  });

  test('a generated PIN when none is chosen; an SDK factory works too', async () => {
    const { sdk } = createFakeCustomerSdk({ auto: true, generatedPin: '482913' });
    render(
      <CobrowseProvider sdk={() => Promise.resolve(sdk)}>
        <Help />
      </CobrowseProvider>,
    );
    fireEvent.click(screen.getByText('Get help'));
    expect(await screen.findByText('482913')).toBeTruthy();
  });

  test('errors land in the state with their code', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    render(
      <CobrowseProvider sdk={sdk}>
        <Help pin="ab-12" />
      </CobrowseProvider>,
    );
    fireEvent.click(screen.getByText('Get help'));
    await vi.waitFor(() =>
      expect(screen.getByTestId('error').textContent).toBe('PIN_INVALID_CHARS'),
    );
    expect(screen.getByTestId('status').textContent).toBe('error');
    expect(control.callsTo('session.start')).toHaveLength(0);
  });

  test('StrictMode: one init, one start, no disposal on the simulated unmount; cleanup on the real one', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const { unmount } = render(
      <StrictMode>
        <CobrowseProvider sdk={sdk}>
          <Help pin="zz9" />
        </CobrowseProvider>
      </StrictMode>,
    );
    // The store survived StrictMode's mount → unmount → mount: it still starts.
    await nextTask();
    fireEvent.click(screen.getByText('Get help'));
    expect(await screen.findByText('ZZ9')).toBeTruthy();
    await act(() => control.flush());
    expect(control.callsTo('init')).toHaveLength(1);
    expect(control.callsTo('session.start')).toHaveLength(1);
    expect(screen.getByTestId('error').textContent).toBe('');
    expect(control.listenerCount()).toBeGreaterThan(0);

    unmount();
    await nextTask();
    await control.flush();
    // No leaked connection: every SDK listener is off again.
    expect(control.listenerCount()).toBe(0);
  });

  test('a selector re-renders only when its selection changes', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    const renders = { count: 0 };
    render(
      <CobrowseProvider sdk={sdk}>
        <AgentCount renders={renders} />
        <StartOnly />
      </CobrowseProvider>,
    );
    const before = renders.count;
    fireEvent.click(screen.getByText('Get help'));
    await act(() => control.flush());
    // loading → ready → starting → waiting and a new PIN: none of it changes the agent count.
    expect(renders.count).toBe(before);
    act(() => control.agentJoined({ userId: 'a1', userName: 'Dana' }));
    expect(screen.getByTestId('count').textContent).toBe('1');
    expect(renders.count).toBe(before + 1);
  });

  test('the whole state is referentially stable between unrelated renders', () => {
    const { sdk } = createFakeCustomerSdk();
    const seen: unknown[] = [];
    render(
      <CobrowseProvider sdk={sdk}>
        <Probe seen={seen} />
      </CobrowseProvider>,
    );
    fireEvent.click(screen.getByText('again'));
    expect(seen.length).toBe(2);
    expect(seen[1]).toBe(seen[0]);
  });

  test('outside a provider: an error that says what to do', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Help />)).toThrow(/inside <CobrowseProvider>/);
    vi.mocked(console.error).mockRestore();
  });
});
