import {
  Component,
  Injector,
  PLATFORM_ID,
  type Provider,
  provideZonelessChangeDetection,
  signal,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import {
  createFakeAgentSdk,
  createFakeToken,
  type FakeAgentSdkOptions,
} from '@cobrowse-kit/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { CobrowseAgentViewerComponent, injectAgentSession, provideCobrowse } from '../src';

const token = createFakeToken({ role: 'agent' });

function setup(options: FakeAgentSdkOptions = { auto: true }, providers: Provider[] = []) {
  const fake = createFakeAgentSdk(options);
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideCobrowse({ agentSdk: fake.sdk, agentSettings: { serverUrl: 'http://engine.test' } }),
      ...providers,
    ],
  });
  return fake;
}

@Component({ selector: 'test-console', template: '<div #view></div>' })
class ConsoleComponent {
  readonly agent = injectAgentSession();
}

@Component({
  selector: 'test-viewer-host',
  imports: [CobrowseAgentViewerComponent],
  template: `@if (show()) { <cobrowse-agent-viewer [pin]="pin()" [token]="token" /> }`,
})
class ViewerHostComponent {
  readonly pin = signal('AB12');
  readonly show = signal(true);
  readonly token = token;
}

afterEach(() => {
  TestBed.resetTestingModule();
});

describe('injectAgentSession', () => {
  it('joins by PIN into a mount point and mirrors the agent store', async () => {
    const { control } = setup();
    const fixture = TestBed.createComponent(ConsoleComponent);
    const { agent } = fixture.componentInstance;
    const mount = fixture.nativeElement.querySelector('div');
    await agent.join({ pin: 'ab12', token, mount });
    await control.flush();
    expect(control.settings).toMatchObject({ zoomAppRoot: mount, serverUrl: 'http://engine.test' });
    expect(control.callsTo('session.join')[0]?.args[0]).toMatchObject({ pinCode: 'AB12' });
    expect(agent.status()).toBe('in_session');
    expect(agent.pin()).toBe('AB12');
  });

  it('creates a viewer URL', async () => {
    const { control } = setup({ viewerUrl: 'https://viewer.test/v' });
    const agent = TestBed.runInInjectionContext(() => injectAgentSession());
    await expect(agent.createViewerUrl({ pin: 'AB12', token })).resolves.toBe(
      'https://viewer.test/v',
    );
    await control.flush();
    expect(agent.viewerUrl()).toBe('https://viewer.test/v');
  });

  it('releases the session when its component is destroyed', async () => {
    const { control } = setup();
    const fixture = TestBed.createComponent(ConsoleComponent);
    const mount = fixture.nativeElement.querySelector('div');
    await fixture.componentInstance.agent.join({ pin: 'AB12', token, mount });
    await control.flush();
    fixture.destroy();
    await control.flush();
    expect(control.callsTo('session.leave')).toHaveLength(1);
    expect(control.listenerCount()).toBe(0);
  });

  it('asserts an injection context unless an injector is given', () => {
    setup();
    expect(() => injectAgentSession()).toThrow(/injection context/);
    const agent = injectAgentSession({ injector: TestBed.inject(Injector) });
    expect(agent.status()).toBe('idle');
  });
});

describe('<cobrowse-agent-viewer>', () => {
  it('joins and renders into its own host element', async () => {
    const { control } = setup();
    const fixture = TestBed.createComponent(ViewerHostComponent);
    await fixture.whenStable();
    await control.flush();
    await fixture.whenStable();
    const viewer = fixture.debugElement.query(By.directive(CobrowseAgentViewerComponent));
    expect(control.settings?.zoomAppRoot).toBe(viewer.nativeElement);
    expect(control.callsTo('session.join')[0]?.args[0]).toMatchObject({
      pinCode: 'AB12',
      sdkToken: token,
    });
    expect((viewer.componentInstance as CobrowseAgentViewerComponent).status()).toBe('in_session');
  });

  it('leaves, then re-joins, when the PIN changes', async () => {
    // Manual mode: the test plays the service, so only the adapter's calls are under test.
    const { control } = setup({ auto: false });
    const fixture = TestBed.createComponent(ViewerHostComponent);
    await fixture.whenStable();
    await control.flush();
    control.sessionJoined();
    fixture.componentInstance.pin.set('CD34');
    await fixture.whenStable();
    await control.flush();
    const methods = control.calls
      .map((c) => c.method)
      .filter((m) => m === 'session.join' || m === 'session.leave');
    expect(methods).toEqual(['session.join', 'session.leave', 'session.join']);
    expect(control.callsTo('session.join')[1]?.args[0]).toMatchObject({ pinCode: 'CD34' });
    expect(control.callsTo('init')).toHaveLength(1);
  });

  it('leaves when destroyed', async () => {
    const { control } = setup();
    const fixture = TestBed.createComponent(ViewerHostComponent);
    await fixture.whenStable();
    await control.flush();
    fixture.componentInstance.show.set(false);
    await fixture.whenStable();
    await control.flush();
    expect(control.listenerCount()).toBe(0);
    expect(control.callsTo('session.leave')).toHaveLength(1);
  });

  it('on the server: renders an idle host and never touches the SDK', async () => {
    const { control } = setup({ auto: true }, [{ provide: PLATFORM_ID, useValue: 'server' }]);
    const fixture = TestBed.createComponent(ViewerHostComponent);
    await fixture.whenStable();
    await control.flush();
    const viewer = fixture.debugElement.query(By.directive(CobrowseAgentViewerComponent));
    expect((viewer.componentInstance as CobrowseAgentViewerComponent).status()).toBe('idle');
    expect(control.calls).toEqual([]);
  });
});
