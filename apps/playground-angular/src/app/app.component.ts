import { ChangeDetectionStrategy, Component, InjectionToken, inject, signal } from '@angular/core';
import { HelpPanelComponent } from './help-panel.component';

/** Why support sharing is unavailable (set when the runtime config could not be loaded). */
export const HELP_UNAVAILABLE = new InjectionToken<string>('HELP_UNAVAILABLE');

/** The checkout page, with the support panel (or why it is unavailable) beside the order. */
@Component({
  selector: 'app-root',
  imports: [HelpPanelComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="topbar">
      <div class="brand">
        <span class="brand-mark" aria-hidden="true">N</span>
        Northwind Outfitters
      </div>
      <nav aria-label="Site">
        <span class="secure">Secure checkout</span>
        <a href="/">Playground home</a>
        <a href="/agent.html" target="_blank" rel="opener">Agent console</a>
      </nav>
    </header>
    <main>
      <h1>Checkout</h1>
      <p class="lede">Almost there — tell us where to send your order.</p>
      <div class="grid">
        <form class="card stack" autocomplete="off" (submit)="placeOrder($event)">
          <fieldset>
            <legend>Contact</legend>
            <div>
              <label for="name">Name</label>
              <input
                id="name"
                name="name"
                placeholder="Ada Lovelace"
                [value]="name()"
                (input)="name.set(inputValue($event))"
              />
            </div>
            <div>
              <label for="email">Email</label>
              <input id="email" name="email" type="email" placeholder="ada@example.com" />
            </div>
          </fieldset>
          <fieldset>
            <legend>Shipping</legend>
            <div>
              <label for="address">Address</label>
              <input id="address" name="address" placeholder="12 Harbour Street" />
            </div>
            <div class="row">
              <div>
                <label for="city">City</label>
                <input id="city" name="city" placeholder="Bristol" />
              </div>
              <div>
                <label for="country">Country</label>
                <select id="country" name="country">
                  <option selected>United Kingdom</option>
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
              <label for="card-number">Card number</label>
              <input
                id="card-number"
                name="card-number"
                class="cobrowse-mask"
                inputmode="numeric"
                placeholder="1234 5678 9012 3456"
                aria-describedby="card-hint"
              />
              <span id="card-hint" class="hint masked-note">
                Hidden from support agents, even while you share this page.
              </span>
            </div>
            <div class="row">
              <div>
                <label for="expiry">Expiry</label>
                <input id="expiry" name="expiry" placeholder="MM/YY" />
              </div>
              <div>
                <label for="cvc">CVC</label>
                <input id="cvc" name="cvc" class="cobrowse-mask" inputmode="numeric" placeholder="123" />
              </div>
            </div>
          </fieldset>
          <button type="submit" class="wide">Place order · £153.00</button>
          <p class="notice" role="status">{{ notice() }}</p>
        </form>

        <div class="stack">
          <section class="card" aria-labelledby="summary-title">
            <h2 id="summary-title">Order summary</h2>
            <div class="summary-line">
              <span>Trail jacket, navy, M</span>
              <strong>£129.00</strong>
            </div>
            <div class="summary-line">
              <span>Merino socks ×2</span>
              <strong>£24.00</strong>
            </div>
            <div class="summary-line">
              <span>Shipping</span>
              <strong>Free</strong>
            </div>
            <div class="summary-line summary-total">
              <span>Total</span>
              <span>£153.00</span>
            </div>
            <p class="muted">Ship to: {{ name().trim() || '—' }}</p>
          </section>
          @if (unavailable === null) {
            <app-help-panel />
          } @else {
            <section class="card help stack" aria-labelledby="help-title">
              <h2 id="help-title">Need a hand?</h2>
              <p class="status" role="status" data-testid="status" data-status="unavailable" data-tone="bad">
                Support sharing is unavailable right now.
              </p>
              <p class="muted">{{ unavailable }}</p>
            </section>
          }
        </div>
      </div>
    </main>
    <p class="footer">
      A demo store for cobrowse-kit, built with Angular and <code>&#64;cobrowse-kit/angular</code>.
      Nothing here is real; no order is placed.
    </p>
  `,
})
export class AppComponent {
  protected readonly unavailable = inject(HELP_UNAVAILABLE, { optional: true });
  protected readonly name = signal('');
  protected readonly notice = signal('');

  protected inputValue(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected placeOrder(event: Event): void {
    event.preventDefault();
    this.notice.set('This is a demo store: nothing was ordered.');
  }
}
