/**
 * The script the harness adds to customer and agent pages (`page.addInitScript`) so it can see
 * what the SDK tells the page — the PIN from `pincode_updated`, errors, joins — without the
 * page's cooperation. It is plain ES2018 in a string, not a serialised function, because
 * bundlers may rewrite functions (helper calls, renamed identifiers) in ways that break when
 * re-parsed inside the browser.
 *
 * How it hooks in, for both the CDN snippet and code that assigns the SDK itself:
 * - `window.ZoomCobrowseSDK` / `ZoomCobrowseAgentSDK` become accessors; whatever object is stored
 *   there (the snippet's stub, then the real bundle) gets its `init` wrapped.
 * - `window.ZoomCobrowseSDKInitArgs` / `…AgentSDKInitArgs` (where the stub parks early `init`
 *   calls for the bundle to replay) become accessors that wrap the parked callback.
 * The wrapped callback subscribes to the session's events before the page's own callback runs,
 * so events the page triggers from inside its callback are not missed. Wrapping is marked, so a
 * callback passing through both paths is observed once.
 *
 * @example
 * ```ts
 * await context.addInitScript({ content: HOOK_SCRIPT }); // what customer()/agent() do per page
 * ```
 */
export const HOOK_SCRIPT = `(function () {
  if (window.__cobrowseHarness) return;
  var MARK = '__cobrowseHarnessWrapped';
  var EVENTS = {
    customer: ['pincode_updated', 'session_started', 'agent_joined', 'agent_left', 'session_ended',
      'session_error', 'session_recoverable', 'session_reconnecting', 'session_reconnected'],
    agent: ['session_joined', 'session_left', 'session_ended', 'session_error', 'session_reconnecting',
      'session_reconnected', 'customer_reconnecting', 'customer_reconnected']
  };
  function state(role) {
    return { role: role, initialized: false, initOk: null, initError: null, initialStatus: null,
      session: null, pin: null, events: [] };
  }
  var H = { version: 1, customer: state('customer'), agent: state('agent') };
  // Change notification for the harness's waits: every state change bumps rev and wakes them,
  // so a wait learns of an event at once instead of on its next poll.
  var waiters = [];
  Object.defineProperty(H, 'rev', { value: 0, writable: true });
  Object.defineProperty(H, 'changed', { value: function () {
    H.rev++;
    var w = waiters; waiters = [];
    w.forEach(function (f) { try { f(); } catch (e) {} });
  } });
  Object.defineProperty(H, 'wait', { value: function (rev, ms) {
    if (rev !== H.rev) return Promise.resolve();
    return new Promise(function (resolve) {
      var t = setTimeout(resolve, ms);
      waiters.push(function () { clearTimeout(t); resolve(); });
    });
  } });
  Object.defineProperty(window, '__cobrowseHarness', { value: H, configurable: true });

  function clone(x) {
    try { return x === undefined ? null : JSON.parse(JSON.stringify(x)); } catch (e) { return String(x); }
  }
  function observe(s, session) {
    if (!session || s.session === session) return;
    s.session = session;
    try { s.initialStatus = session.getSessionInfo().sessionStatus; } catch (e) { /* not ready */ }
    EVENTS[s.role].forEach(function (name) {
      try {
        session.on(name, function (payload) {
          s.events.push({ name: name, payload: clone(payload), at: Date.now() });
          if (name === 'pincode_updated' && payload) s.pin = payload.pinCode || payload.pincode || null;
          H.changed();
        });
      } catch (e) { /* an SDK that refuses unknown event names */ }
    });
  }
  function markRoot(s, settings) {
    if (s.role !== 'agent' || !settings) return;
    var root = settings.zoomAppRoot;
    if (typeof root === 'string') root = document.querySelector(root);
    if (root && root.setAttribute) root.setAttribute('data-cobrowse-harness-root', '');
  }
  function wrapCallback(s, cb) {
    if (typeof cb !== 'function' || cb[MARK]) return cb;
    var wrapped = function (result) {
      s.initialized = true;
      s.initOk = !!(result && result.success);
      if (result && result.error) s.initError = clone(result.error);
      if (result && result.session) observe(s, result.session);
      H.changed();
      return cb.apply(this, arguments);
    };
    wrapped[MARK] = true;
    return wrapped;
  }
  function wrapArgs(s, args) {
    if (!args || args[MARK]) return args;
    var copy = Array.prototype.slice.call(args);
    markRoot(s, copy[0]);
    copy[1] = wrapCallback(s, copy[1]);
    copy[MARK] = true;
    return copy;
  }
  function wrapSdk(s, sdk) {
    if (!sdk || (typeof sdk !== 'object' && typeof sdk !== 'function') || sdk[MARK]) return sdk;
    var init = sdk.init;
    if (typeof init !== 'function') return sdk;
    var wrappedInit = function () {
      var a = wrapArgs(s, arguments);
      return init.apply(this, a);
    };
    try {
      sdk.init = wrappedInit;
      sdk[MARK] = true;
      if (sdk.init === wrappedInit) return sdk;
    } catch (e) { /* frozen: fall through to a copy */ }
    var copy = Object.create(Object.getPrototypeOf(sdk));
    Object.getOwnPropertyNames(sdk).forEach(function (k) { try { copy[k] = sdk[k]; } catch (e) {} });
    copy.init = wrappedInit;
    copy[MARK] = true;
    return copy;
  }
  function trap(name, onSet) {
    var value = onSet(window[name]);
    try {
      Object.defineProperty(window, name, {
        configurable: true, enumerable: true,
        get: function () { return value; },
        set: function (v) { value = onSet(v); }
      });
    } catch (e) { /* already non-configurable: cannot observe this path */ }
  }
  trap('ZoomCobrowseSDK', function (v) { return wrapSdk(H.customer, v); });
  trap('ZoomCobrowseSDKInitArgs', function (v) { return wrapArgs(H.customer, v); });
  trap('ZoomCobrowseAgentSDK', function (v) { return wrapSdk(H.agent, v); });
  trap('ZoomCobrowseAgentSDKInitArgs', function (v) { return wrapArgs(H.agent, v); });
})();`;

/** The slice of the hook's state the page objects read (everything JSON-safe).
 * @internal Not part of the public API (not exported from the package entry).
 */
export interface HookSnapshot {
  initialized: boolean;
  initOk: boolean | null;
  initError: { errorCode?: number; errorMsg?: string } | null;
  initialStatus: string | null;
  status: string | null;
  pin: string | null;
  events: Array<{ name: string; payload: unknown; at: number }>;
}
