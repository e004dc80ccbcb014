import {
  Component,
  EnvironmentInjector,
  Injector,
  PLATFORM_ID,
  type Provider,
  createEnvironmentInjector,
  provideZonelessChangeDetection,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  createFakeCustomerSdk,
  createFakeToken,
  type FakeSdkOptions,
} from '@cobrowse-kit/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CobrowseService, injectCobrowseSession, provideCobrowse } from '../src';

const settings = { piiMask: { maskType: 'custom_input', maskCssSelectors: '.cobrowse-mask' } };

function setup(options: FakeSdkOptions = { auto: true }, providers: Provider[] = []) {
  const fake = createFakeCustomerSdk(options);
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideCobrowse({ sdk: fake.sdk, settings }),
      ...providers,
    ],
  });
  return fake;
}

@Component({
  selector: 'test-help',
  template: `<p data-testid="status">{{ session.status() }}</p>
    <p data-testid="pin">{{ session.pin() }}</p>
    <p data-testid="agents">{{ session.agents().length }}</p>`,
})
class HelpComponent {
  readonly session = injectCobrowseSession();
}

const text = (root: HTMLElement, id: string) =>
  root.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();

afterEach(() => {
  TestBed.resetTestingModule();
});

describe('CobrowseService / injectCobrowseSession', () => {
  it('mirrors the core store into signals that render without zone.js', async () => {
    const { control } = setup();
    const fixture = TestBed.createComponent(HelpComponent);
    const el: HTMLElement = fixture.nativeElement;
    await fixture.whenStable();
    expect(text(el, 'pin')).toBe('');

    await fixture.componentInstance.session.start({ pin: 'ab12', token: createFakeToken() });
    await control.flush();
    await fixture.whenStable();
    expect(text(el, 'pin')).toBe('AB12');
    expect(control.callsTo('session.start')[0]?.args[0]).toMatchObject({ customPinCode: 'AB12' });

    control.agentJoined({ userId: 'a1', userName: 'Ann' });
    await fixture.whenStable();
    expect(text(el, 'agents')).toBe('1');
    expect(text(el, 'status')).toBe('in_session');

    control.agentLeft({ userId: 'a1', userName: 'Ann' });
    await fixture.whenStable();
    expect(text(el, 'agents')).toBe('0');

    await fixture.componentInstance.session.end();
    await control.flush();
    await fixture.whenStable();
    expect(text(el, 'status')).toBe('ended');
  });

  it('uses a generated PIN when none is given, and passes the settings to init', async () => {
    const { control } = setup({ auto: true, generatedPin: '424242' });
    const session = TestBed.inject(CobrowseService);
    await session.start({ token: createFakeToken() });
    await control.flush();
    expect(session.pin()).toBe('424242');
    expect(control.settings).toMatchObject(settings);
  });

  it('puts failures in the error signal, with a stable code', async () => {
    setup();
    const session = TestBed.inject(CobrowseService);
    await expect(session.start({ pin: 'ab-12', token: createFakeToken() })).rejects.toThrow();
    expect(session.error()?.code).toBe('PIN_INVALID_CHARS');
    expect(session.status()).toBe('error');
  });

  it('maps SDK errors (Zoom codes) into the error signal', async () => {
    const { control } = setup();
    const session = TestBed.inject(CobrowseService);
    await session.start({ pin: 'AB12', token: createFakeToken() });
    await control.flush();
    control.sessionError(1010, 'PIN in use');
    expect(session.error()?.code).toBe('PIN_CONFLICT');
    expect(session.status()).toBe('error');
  });

  it('resumes a recoverable session after a reload', async () => {
    const { control } = setup({ auto: true, sessionStatus: 'session_recoverable' });
    const session = TestBed.inject(CobrowseService);
    await session.preload();
    await control.flush();
    expect(session.status()).toBe('recoverable');
    await session.resume();
    await control.flush();
    expect(control.callsTo('session.join')).toHaveLength(1);
  });

  it('has bound methods, so they can be destructured', async () => {
    const { control } = setup();
    const { start, pin } = TestBed.inject(CobrowseService);
    await start({ pin: 'xy9', token: createFakeToken() });
    await control.flush();
    expect(pin()).toBe('XY9');
  });

  it('is one session per environment: inject() and injectCobrowseSession() agree', () => {
    setup();
    const viaInject = TestBed.inject(CobrowseService);
    const viaFn = TestBed.runInInjectionContext(() => injectCobrowseSession());
    expect(viaFn).toBe(viaInject);
  });

  it('asserts an injection context unless an injector is given', () => {
    setup();
    expect(() => injectCobrowseSession()).toThrow(/injection context/);
    const injector = TestBed.inject(Injector);
    expect(injectCobrowseSession({ injector })).toBe(TestBed.inject(CobrowseService));
  });

  it('says what to do when provideCobrowse() is missing', () => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    expect(() => TestBed.inject(CobrowseService)).toThrow(/provideCobrowse/);
  });

  it('leaves SDK validation to core: a missing SDK fails start() with a readable error', async () => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideCobrowse({ sdk: undefined })],
    });
    const session = TestBed.inject(CobrowseService);
    await expect(session.start({ token: createFakeToken() })).rejects.toThrow(/init\(\)/);
    expect(session.error()?.code).toBe('SDK_SURFACE_INVALID');
  });

  it('releases the store when its environment injector is destroyed', async () => {
    const { sdk, control } = createFakeCustomerSdk({ auto: true });
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const env = createEnvironmentInjector(
      [provideCobrowse({ sdk })],
      TestBed.inject(EnvironmentInjector),
    );
    const session = env.get(CobrowseService);
    await session.start({ pin: 'AB12', token: createFakeToken() });
    await control.flush();
    expect(control.listenerCount()).toBeGreaterThan(0);
    env.destroy();
    expect(control.listenerCount()).toBe(0);
    control.agentJoined({ userId: 'a1', userName: 'Ann' });
    expect(session.agents()).toEqual([]);
  });

  it('awaits an SDK factory (e.g. a dynamic import)', async () => {
    const fake = createFakeCustomerSdk({ auto: true });
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideCobrowse({ sdk: async () => fake.sdk })],
    });
    const session = TestBed.inject(CobrowseService);
    await session.start({ pin: 'AB12', token: createFakeToken() });
    await fake.control.flush();
    expect(session.pin()).toBe('AB12');
  });

  it('on the server: stays idle and never touches the SDK', async () => {
    const fake = createFakeCustomerSdk({ auto: true });
    const factory = vi.fn(() => fake.sdk);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideCobrowse({ sdk: factory }),
        { provide: PLATFORM_ID, useValue: 'server' },
      ],
    });
    const fixture = TestBed.createComponent(HelpComponent);
    await fixture.whenStable();
    expect(text(fixture.nativeElement, 'status')).toBe('idle');
    expect(factory).not.toHaveBeenCalled();
    expect(fake.control.calls).toEqual([]);
  });
});
