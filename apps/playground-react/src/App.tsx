import { useCobrowseSession } from '@cobrowse-kit/react';
import { type ReactNode, useEffect, useState } from 'react';
import {
  errorText,
  fetchCustomerToken,
  isSharing,
  STATUS_TEXT,
} from '@cobrowse-kit/playground-shared/support';

const ignore = () => {};

/** The checkout page; `help` is the support panel (or why it is unavailable). */
export function App({ help }: { help: ReactNode }) {
  const [name, setName] = useState('');
  const [notice, setNotice] = useState('');
  return (
    <>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            N
          </span>
          Northwind Outfitters
        </div>
        <nav aria-label="Site">
          <span className="secure">Secure checkout</span>
          <a href="/">Playground home</a>
          <a href="/agent.html" target="_blank" rel="noopener opener">
            Agent console
          </a>
        </nav>
      </header>
      <main>
        <h1>Checkout</h1>
        <p className="lede">Almost there — tell us where to send your order.</p>
        <div className="grid">
          <form
            className="card stack"
            autoComplete="off"
            onSubmit={(e) => {
              e.preventDefault();
              setNotice('This is a demo store: nothing was ordered.');
            }}
          >
            <fieldset>
              <legend>Contact</legend>
              <div>
                <label htmlFor="name">Name</label>
                <input
                  id="name"
                  name="name"
                  placeholder="Ada Lovelace"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                />
              </div>
              <div>
                <label htmlFor="email">Email</label>
                <input id="email" name="email" type="email" placeholder="ada@example.com" />
              </div>
            </fieldset>
            <fieldset>
              <legend>Shipping</legend>
              <div>
                <label htmlFor="address">Address</label>
                <input id="address" name="address" placeholder="12 Harbour Street" />
              </div>
              <div className="row">
                <div>
                  <label htmlFor="city">City</label>
                  <input id="city" name="city" placeholder="Bristol" />
                </div>
                <div>
                  <label htmlFor="country">Country</label>
                  <select id="country" name="country" defaultValue="United Kingdom">
                    <option>United Kingdom</option>
                    <option>Ireland</option>
                    <option>Germany</option>
                    <option>United States</option>
                  </select>
                </div>
              </div>
            </fieldset>
            <fieldset>
              <legend>Payment</legend>
              <div>
                <label htmlFor="card-number">Card number</label>
                <input
                  id="card-number"
                  name="card-number"
                  className="cobrowse-mask"
                  inputMode="numeric"
                  placeholder="1234 5678 9012 3456"
                  aria-describedby="card-hint"
                />
                <span id="card-hint" className="hint masked-note">
                  Hidden from support agents, even while you share this page.
                </span>
              </div>
              <div className="row">
                <div>
                  <label htmlFor="expiry">Expiry</label>
                  <input id="expiry" name="expiry" placeholder="MM/YY" />
                </div>
                <div>
                  <label htmlFor="cvc">CVC</label>
                  <input
                    id="cvc"
                    name="cvc"
                    className="cobrowse-mask"
                    inputMode="numeric"
                    placeholder="123"
                  />
                </div>
              </div>
            </fieldset>
            <button type="submit" className="wide">
              Place order · £153.00
            </button>
            <p className="notice" role="status">
              {notice}
            </p>
          </form>

          <div className="stack">
            <section className="card" aria-labelledby="summary-title">
              <h2 id="summary-title">Order summary</h2>
              <div className="summary-line">
                <span>Trail jacket, navy, M</span>
                <strong>£129.00</strong>
              </div>
              <div className="summary-line">
                <span>Merino socks ×2</span>
                <strong>£24.00</strong>
              </div>
              <div className="summary-line">
                <span>Shipping</span>
                <strong>Free</strong>
              </div>
              <div className="summary-line summary-total">
                <span>Total</span>
                <span>£153.00</span>
              </div>
              <p className="muted">Ship to: {name.trim() || '—'}</p>
            </section>
            {help}
          </div>
        </div>
      </main>
      <p className="footer">
        A demo store for cobrowse-kit, built with React and <code>@cobrowse-kit/react</code>.
        Nothing here is real; no order is placed.
      </p>
    </>
  );
}

/** The "Need a hand?" panel: everything here comes from useCobrowseSession(). */
export function HelpPanel() {
  const { status, pin, agents, error, start, end, resume, preload } = useCobrowseSession();
  const [wantedPin, setWantedPin] = useState('');
  // Load the SDK with the page: after a reload it is what reports a session to resume.
  useEffect(() => {
    void preload();
  }, [preload]);
  // Pick the session back up after a reload, as Zoom's sample does, without asking again.
  useEffect(() => {
    if (status === 'recoverable') resume().catch(ignore);
  }, [status, resume]);

  const sharing = isSharing(status);
  const [text, tone] = STATUS_TEXT[status];
  // Failures are shown from the session state; the rejected promise adds nothing.
  const getHelp = () => start({ pin: wantedPin, token: fetchCustomerToken }).catch(ignore);

  return (
    <section className="card help stack" aria-labelledby="help-title">
      <div>
        <h2 id="help-title">Need a hand?</h2>
        <p className="muted">
          Share this page with our support team. They see what you see — never your card details.
        </p>
      </div>
      {!sharing && (
        <div>
          <label htmlFor="pin">PIN (optional)</label>
          <input
            id="pin"
            className="pin-input"
            maxLength={10}
            autoComplete="off"
            spellCheck={false}
            placeholder="Leave empty for a generated PIN"
            aria-describedby="pin-hint"
            value={wantedPin}
            onChange={(e) => setWantedPin(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && getHelp()}
          />
          <span id="pin-hint" className="hint">
            Letters and digits, up to 10.
          </span>
        </div>
      )}
      {sharing && pin && (
        <div>
          <span className="pin-label" id="pin-label">
            Read this PIN to the agent
          </span>
          <output className="pin-display" data-testid="pin" aria-labelledby="pin-label">
            {pin}
          </output>
        </div>
      )}
      {sharing && (
        <div>
          <span className="pin-label">With you now</span>
          <div data-testid="agents" data-count={agents.length}>
            {agents.length ? (
              <ul className="agents">
                {agents.map((a, i) => (
                  <li key={a.userId || i}>{a.userName || 'Support agent'}</li>
                ))}
              </ul>
            ) : (
              <p className="agents-empty">No one yet</p>
            )}
          </div>
        </div>
      )}
      <p
        className="status"
        role="status"
        data-testid="status"
        data-status={status}
        data-tone={tone}
      >
        {text}
      </p>
      {status === 'error' && error && (
        <p className="alert" role="alert" data-testid="error" data-code={error.code}>
          {errorText(error)}
        </p>
      )}
      <div className="help-actions">
        {sharing ? (
          <button type="button" className="danger" onClick={() => end()}>
            End session
          </button>
        ) : (
          <button type="button" onClick={getHelp}>
            Get help
          </button>
        )}
      </div>
    </section>
  );
}

/** Shown instead of the panel while the page has no configuration. */
export function HelpUnavailable({ reason }: { reason: string }) {
  return (
    <section className="card help stack" aria-labelledby="help-title">
      <h2 id="help-title">Need a hand?</h2>
      <p
        className="status"
        role="status"
        data-testid="status"
        data-status="unavailable"
        data-tone="bad"
      >
        Support sharing is unavailable right now.
      </p>
      <p className="muted">{reason}</p>
    </section>
  );
}
