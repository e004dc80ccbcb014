// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { HOOK_SCRIPT } from '../src/hook';

type Handler = (payload: unknown) => void;
// biome-ignore lint/suspicious/noExplicitAny: the test pokes at untyped globals the snippet and the hook define.
type W = Window & Record<string, any>;
const w = window as unknown as W;

// A fake customer SDK shaped like ours/Zoom's: init(settings, cb) → cb({ success, session }).
function fakeSdk(kind: 'customer' | 'agent') {
  const handlers: Record<string, Handler[]> = {};
  const session = {
    on: (name: string, h: Handler) => {
      handlers[name] ??= [];
      handlers[name].push(h);
    },
    getSessionInfo: () => ({ sessionStatus: 'session_not_started' }),
    emit: (name: string, p: unknown) => {
      for (const h of handlers[name] ?? []) h(p);
    },
    count: (name: string) => handlers[name]?.length ?? 0,
  };
  const sdk = {
    init(settings: unknown, cb: (r: unknown) => void) {
      sdk.lastSettings = settings;
      cb({ success: true, session });
    },
    lastSettings: undefined as unknown,
    kind,
  };
  return { sdk, session };
}

// The seed's snippet stub, verbatim in behaviour.
function snippetStub(f: string, argsName: string) {
  w[f] = w[f] || {
    init: function () {
      // biome-ignore lint/complexity/noArguments: the snippet parks `arguments` exactly like this
      w[argsName] = arguments;
    },
  };
}

// The hook is a script string, as addInitScript receives it; run it the way a page would, in
// the global scope.
const runHook = () => new Function(HOOK_SCRIPT)();

beforeEach(() => {
  for (const k of [
    '__cobrowseHarness',
    'ZoomCobrowseSDK',
    'ZoomCobrowseSDKInitArgs',
    'ZoomCobrowseAgentSDK',
    'ZoomCobrowseAgentSDKInitArgs',
  ]) {
    delete w[k];
  }
  runHook();
});

describe('HOOK_SCRIPT', () => {
  it('observes init through the snippet stub and the replayed parked arguments', () => {
    snippetStub('ZoomCobrowseSDK', 'ZoomCobrowseSDKInitArgs');
    let pageSawSession = false;
    w.ZoomCobrowseSDK.init({}, ({ session }: { session: { start(): void } }) => {
      pageSawSession = !!session;
    });
    // The real bundle arrives, installs itself and replays what the stub parked.
    const { sdk, session } = fakeSdk('customer');
    w.ZoomCobrowseSDK = sdk;
    const parked = w.ZoomCobrowseSDKInitArgs;
    sdk.init(parked[0], parked[1]);

    expect(pageSawSession).toBe(true);
    session.emit('pincode_updated', { pinCode: 'AB12', pincode: 'AB12' });
    const h = w.__cobrowseHarness.customer;
    expect(h.initialized).toBe(true);
    expect(h.initialStatus).toBe('session_not_started');
    expect(h.pin).toBe('AB12');
    expect(h.events.map((e: { name: string }) => e.name)).toEqual(['pincode_updated']);
  });

  it('subscribes once even when the callback passes through both the stub and the real init', () => {
    snippetStub('ZoomCobrowseSDK', 'ZoomCobrowseSDKInitArgs');
    w.ZoomCobrowseSDK.init({}, () => {});
    const { sdk, session } = fakeSdk('customer');
    w.ZoomCobrowseSDK = sdk;
    // A bundle that replays through the (wrapped) global rather than its own reference.
    w.ZoomCobrowseSDK.init(...Array.from(w.ZoomCobrowseSDKInitArgs as ArrayLike<never>));
    expect(session.count('pincode_updated')).toBe(1);
  });

  it('observes an SDK assigned directly and called after load', () => {
    const { sdk, session } = fakeSdk('customer');
    w.ZoomCobrowseSDK = sdk;
    w.ZoomCobrowseSDK.init({}, () => {});
    session.emit('session_error', { errorCode: 1010, errorMsg: 'PIN in use' });
    expect(w.__cobrowseHarness.customer.events[0]).toMatchObject({
      name: 'session_error',
      payload: { errorCode: 1010, errorMsg: 'PIN in use' },
    });
  });

  it('registers its listeners before the page callback runs', () => {
    const { sdk, session } = fakeSdk('customer');
    w.ZoomCobrowseSDK = sdk;
    w.ZoomCobrowseSDK.init({}, () => session.emit('pincode_updated', { pincode: 'ZZ9' }));
    expect(w.__cobrowseHarness.customer.pin).toBe('ZZ9');
  });

  it('handles a frozen SDK object', () => {
    const { sdk, session } = fakeSdk('customer');
    w.ZoomCobrowseSDK = Object.freeze({ init: sdk.init.bind(sdk) });
    w.ZoomCobrowseSDK.init({}, () => {});
    session.emit('session_started', {});
    expect(w.__cobrowseHarness.customer.events).toHaveLength(1);
  });

  it('marks the agent mount point so the harness can find the live view', () => {
    snippetStub('ZoomCobrowseAgentSDK', 'ZoomCobrowseAgentSDKInitArgs');
    const root = document.createElement('div');
    document.body.append(root);
    w.ZoomCobrowseAgentSDK.init({ zoomAppRoot: root }, () => {});
    expect(root.hasAttribute('data-cobrowse-harness-root')).toBe(true);
    const { sdk, session } = fakeSdk('agent');
    w.ZoomCobrowseAgentSDK = sdk;
    const parked = w.ZoomCobrowseAgentSDKInitArgs;
    sdk.init(parked[0], parked[1]);
    session.emit('session_joined', { pinCode: 'AB12' });
    expect(w.__cobrowseHarness.agent.events[0].name).toBe('session_joined');
    expect(w.__cobrowseHarness.customer.events).toHaveLength(0);
  });

  it('wakes a waiting reader when an event arrives, and times out when none does', async () => {
    const H = w.__cobrowseHarness;
    const { sdk, session } = fakeSdk('customer');
    w.ZoomCobrowseSDK = sdk;
    sdk.init({}, () => {});
    const rev = H.rev;
    const started = Date.now();
    const woken = H.wait(rev, 5_000);
    session.emit('pincode_updated', { pinCode: 'AB12' });
    await woken;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(H.rev).toBeGreaterThan(rev);
    await H.wait(rev, 5_000); // already changed: resolves at once
    await H.wait(H.rev, 10); // no change: resolves after the time limit
  });

  it('runs once per document', () => {
    const first = w.__cobrowseHarness;
    runHook();
    expect(w.__cobrowseHarness).toBe(first);
  });
});
