import {
  ChangeDetectionStrategy,
  Component,
  afterNextRender,
  computed,
  effect,
  signal,
} from '@angular/core';
import { injectCobrowseSession } from '@cobrowse-kit/angular';
import {
  errorText,
  fetchCustomerToken,
  isSharing,
  STATUS_TEXT,
} from '@cobrowse-kit/playground-shared/support';

const ignore = () => {};

/** The "Need a hand?" panel: everything here comes from injectCobrowseSession(). */
@Component({
  selector: 'app-help-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // A block, so the column's spacing (.stack > * + *) applies to the panel like to its siblings.
  styles: ':host { display: block; }',
  template: `
    <section class="card help stack" aria-labelledby="help-title">
      <div>
        <h2 id="help-title">Need a hand?</h2>
        <p class="muted">
          Share this page with our support team. They see what you see — never your card details.
        </p>
      </div>
      @if (!sharing()) {
        <div>
          <label for="pin">PIN (optional)</label>
          <input
            id="pin"
            class="pin-input"
            maxlength="10"
            autocomplete="off"
            spellcheck="false"
            placeholder="Leave empty for a generated PIN"
            aria-describedby="pin-hint"
            [value]="wantedPin()"
            (input)="wantedPin.set(inputValue($event))"
            (keydown.enter)="getHelp()"
          />
          <span id="pin-hint" class="hint">Letters and digits, up to 10.</span>
        </div>
      }
      @if (sharing() && session.pin(); as pin) {
        <div>
          <span class="pin-label" id="pin-label">Read this PIN to the agent</span>
          <output class="pin-display" data-testid="pin" aria-labelledby="pin-label">{{ pin }}</output>
        </div>
      }
      @if (sharing()) {
        <div>
          <span class="pin-label">With you now</span>
          <div data-testid="agents" [attr.data-count]="session.agents().length">
            @if (session.agents().length) {
              <ul class="agents">
                @for (agent of session.agents(); track $index) {
                  <li>{{ agent.userName || 'Support agent' }}</li>
                }
              </ul>
            } @else {
              <p class="agents-empty">No one yet</p>
            }
          </div>
        </div>
      }
      <p
        class="status"
        role="status"
        data-testid="status"
        [attr.data-status]="session.status()"
        [attr.data-tone]="statusText()[1]"
      >
        {{ statusText()[0] }}
      </p>
      @if (session.status() === 'error' && session.error(); as error) {
        <p class="alert" role="alert" data-testid="error" [attr.data-code]="error.code">
          {{ errorText(error) }}
        </p>
      }
      <div class="help-actions">
        @if (sharing()) {
          <button type="button" class="danger" (click)="session.end()">End session</button>
        } @else {
          <button type="button" (click)="getHelp()">Get help</button>
        }
      </div>
    </section>
  `,
})
export class HelpPanelComponent {
  protected readonly session = injectCobrowseSession();
  protected readonly wantedPin = signal('');
  protected readonly sharing = computed(() => isSharing(this.session.status()));
  protected readonly statusText = computed(() => STATUS_TEXT[this.session.status()]);
  protected readonly errorText = errorText;

  constructor() {
    // Load the SDK with the page (browser only): after a reload it is what reports a session to
    // resume.
    afterNextRender(() => void this.session.preload());
    // Pick the session back up after a reload, as Zoom's sample does, without asking again.
    effect(() => {
      if (this.session.status() === 'recoverable') this.session.resume().catch(ignore);
    });
  }

  protected inputValue(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  // Failures are shown from the session state; the rejected promise adds nothing.
  protected getHelp(): void {
    this.session.start({ pin: this.wantedPin(), token: fetchCustomerToken }).catch(ignore);
  }
}
