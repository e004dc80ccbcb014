import { createFakeAgentSdk, createFakeToken } from '@cobrowse-kit/test-utils';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { AgentSessionOptions } from '@cobrowse-kit/core';
import { StrictMode } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { AgentViewer, CobrowseProvider, useAgentSession } from '../src/index';

afterEach(cleanup);

const token = createFakeToken({ role: 'agent' });
const nextTask = () => act(() => new Promise<void>((r) => setTimeout(r)));

describe('AgentViewer', () => {
  test('joins into its own div, reflects the status, leaves on unmount', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const { container, unmount } = render(
      <AgentViewer pin="AB12" token={token} options={{ sdk }} className="viewer" />,
    );
    const div = container.querySelector('.viewer') as HTMLDivElement;
    await vi.waitFor(() => expect(div.dataset.status).toBe('in_session'));
    expect(control.settings?.zoomAppRoot).toBe(div);
    expect(control.callsTo('session.join')[0]!.args[0]).toMatchObject({ pinCode: 'AB12' });

    unmount();
    await nextTask();
    await control.flush();
    expect(control.callsTo('session.leave')).toHaveLength(1);
    expect(control.listenerCount()).toBe(0);
  });

  test('StrictMode: joins once, does not leave on the simulated unmount', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const { container } = render(
      <StrictMode>
        <AgentViewer pin="AB12" token={() => token} options={{ sdk }} />
      </StrictMode>,
    );
    const div = container.firstElementChild as HTMLDivElement;
    await vi.waitFor(() => expect(div.dataset.status).toBe('in_session'));
    await act(() => control.flush());
    expect(control.callsTo('init')).toHaveLength(1);
    expect(control.callsTo('session.join')).toHaveLength(1);
    expect(control.callsTo('session.leave')).toHaveLength(0);
  });

  test('a new PIN leaves and joins again; a new token function does not', async () => {
    const { sdk, control } = createFakeAgentSdk({ auto: true });
    const { container, rerender } = render(
      <AgentViewer pin="AB12" token={() => token} options={{ sdk }} />,
    );
    const div = container.firstElementChild as HTMLDivElement;
    await vi.waitFor(() => expect(div.dataset.status).toBe('in_session'));
    rerender(<AgentViewer pin="AB12" token={() => token} options={{ sdk }} />);
    await nextTask();
    expect(control.callsTo('session.join')).toHaveLength(1);

    rerender(<AgentViewer pin="CD34" token={() => token} options={{ sdk }} />);
    await nextTask();
    await act(() => control.flush());
    expect(control.callsTo('session.leave')).toHaveLength(1);
    await vi.waitFor(() => expect(control.callsTo('session.join')).toHaveLength(2));
    expect(control.callsTo('session.join')[1]!.args[0]).toMatchObject({ pinCode: 'CD34' });
  });

  // Core bug (reported): with real network latency the `session_left` acknowledging leave() can
  // arrive after the next join() started; core's agent store then cancels that join (JOIN_FAILED).
  test('a late session_left from the previous leave() does not cancel the new join', async () => {
    const { sdk, control } = createFakeAgentSdk();
    let release = () => {};
    const slowToken = () =>
      control.callsTo('session.join').length === 0
        ? token
        : new Promise<string>((r) => {
            release = () => r(token);
          });
    const { container, rerender } = render(
      <AgentViewer pin="AB12" token={slowToken} options={{ sdk }} />,
    );
    const div = container.firstElementChild as HTMLDivElement;
    await vi.waitFor(() => expect(control.callsTo('session.join')).toHaveLength(1));
    act(() => control.sessionJoined());
    rerender(<AgentViewer pin="CD34" token={slowToken} options={{ sdk }} />);
    await nextTask(); // the new join is now waiting for its token
    act(() => control.sessionLeft()); // the late acknowledgement of leaving AB12
    await act(async () => release());
    await vi.waitFor(() => expect(control.callsTo('session.join')).toHaveLength(2));
    act(() => control.sessionJoined());
    expect(div.dataset.status).toBe('in_session');
  });

  test('a failed join shows as data-status="error" without an unhandled rejection', async () => {
    const { sdk, control } = createFakeAgentSdk();
    control.failInit({ errorCode: 2001, errorMsg: 'bad token' });
    const { container } = render(<AgentViewer pin="AB12" token={token} options={{ sdk }} />);
    const div = container.firstElementChild as HTMLDivElement;
    await vi.waitFor(() => expect(div.dataset.status).toBe('error'));
  });
});

/** Shows the agent status; with `options` it needs no provider. */
function AgentStatus({ options }: { options?: AgentSessionOptions }) {
  const { status, viewerUrl, createViewerUrl } = useAgentSession(options);
  return (
    <>
      <p data-testid="agent-status">{status}</p>
      <button type="button" onClick={() => createViewerUrl({ pin: 'AB12', token })}>
        link
      </button>
      <a href={viewerUrl ?? '#'}>viewer</a>
    </>
  );
}

describe('useAgentSession', () => {
  test('createViewerUrl puts the URL in the state', async () => {
    const { sdk } = createFakeAgentSdk({ viewerUrl: 'https://viewer.test/v' });
    render(<AgentStatus options={{ sdk }} />);
    fireEvent.click(screen.getByText('link'));
    await vi.waitFor(() =>
      expect(screen.getByText('viewer').getAttribute('href')).toBe('https://viewer.test/v'),
    );
  });

  test('without options it reuses the provider CDN settings', () => {
    render(
      <CobrowseProvider sdkKey="KEY" version="2.5.x" baseUrl="https://engine.test">
        <AgentStatus />
      </CobrowseProvider>,
    );
    expect(screen.getByTestId('agent-status').textContent).toBe('idle');
  });

  test('without options and without a CDN provider: an error that says what to pass', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<AgentStatus />)).toThrow(/inside <CobrowseProvider>/);
    const { sdk } = createFakeAgentSdk();
    expect(() =>
      render(
        <CobrowseProvider sdk={sdk as never}>
          <AgentStatus />
        </CobrowseProvider>,
      ),
    ).toThrow(expect.objectContaining({ code: 'SDK_ROLE_MISMATCH' }));
    vi.mocked(console.error).mockRestore();
  });
});
