import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../test/fake-relay';
import { RECOVERY_KEYS, type TabScope, createRecoveryStore, windowTab } from './recovery';

/** A tab scope over a fake window. */
const fakeTab = (name = '') => {
  const win = { name };
  return { win, tab: windowTab(win) };
};

const rec = { sessionId: 's1', resumeToken: 'r1', pin: 'AB12', expiresAt: 10_000 };
const fixedTab = (id: string): TabScope => ({ id: () => id, claim: () => id, release() {} });

describe('createRecoveryStore', () => {
  it('saves and loads an unexpired record under its key', () => {
    const storage = memoryStorage();
    const store = createRecoveryStore(storage, RECOVERY_KEYS.customer, fixedTab('t1'));
    store.save(rec);
    expect(JSON.parse(storage.data.get('cobrowse-kit:customer-session') ?? '')).toEqual({
      ...rec,
      tab: 't1',
    });
    expect(store.load(9_999)).toEqual({ ...rec, tab: 't1' });
  });

  it('drops an expired record', () => {
    const storage = memoryStorage();
    const store = createRecoveryStore(storage, 'k', fixedTab('t1'));
    store.save(rec);
    expect(store.load(10_000)).toBeUndefined();
    expect(storage.data.has('k')).toBe(false);
  });

  it.each([
    ['not JSON', '{'],
    ['no resumeToken', JSON.stringify({ ...rec, resumeToken: '' })],
    ['a string expiry', JSON.stringify({ ...rec, expiresAt: '10000' })],
    ['null', 'null'],
  ])('ignores and removes a malformed record (%s)', (_, raw) => {
    const storage = memoryStorage();
    storage.data.set('k', raw);
    expect(createRecoveryStore(storage, 'k', fixedTab('t1')).load(0)).toBeUndefined();
    expect(storage.data.has('k')).toBe(false);
  });

  it('touch() moves the expiry to now + grace, and does nothing without a record', () => {
    const storage = memoryStorage();
    const store = createRecoveryStore(storage, 'k', fixedTab('t1'));
    store.touch(5_000, 100);
    expect(storage.data.has('k')).toBe(false);
    store.save(rec);
    store.touch(120_000, 50_000);
    expect(store.load(100_000)?.expiresAt).toBe(170_000);
  });

  it('clear() removes the record', () => {
    const storage = memoryStorage();
    const store = createRecoveryStore(storage, 'k', fixedTab('t1'));
    store.save(rec);
    store.clear();
    expect(store.load(0)).toBeUndefined();
  });

  it('never throws when storage is missing or throws (privacy modes)', () => {
    for (const store of [
      createRecoveryStore(undefined, 'k'),
      createRecoveryStore(memoryStorage(true), 'k'),
    ]) {
      expect(() => store.save(rec)).not.toThrow();
      expect(store.load(0)).toBeUndefined();
      expect(() => store.touch(1)).not.toThrow();
      expect(() => store.clear()).not.toThrow();
    }
  });

  it('keeps customer and agent records apart', () => {
    const storage = memoryStorage();
    createRecoveryStore(storage, RECOVERY_KEYS.customer, fixedTab('t1')).save(rec);
    expect(
      createRecoveryStore(storage, RECOVERY_KEYS.agent, fixedTab('t1')).load(0),
    ).toBeUndefined();
  });
});

describe('recovery is scoped to the tab', () => {
  it('keeps the tab id in window.name after the integrator name, and across a reload', () => {
    const storage = memoryStorage();
    const { win, tab } = fakeTab('helpPopup');
    createRecoveryStore(storage, RECOVERY_KEYS.customer, tab).save(rec);
    expect(win.name).toMatch(/^helpPopup\[cbk-tab:\w+\]$/);
    const stored = JSON.parse(storage.data.get(RECOVERY_KEYS.customer) ?? '');
    expect(win.name).toBe(`helpPopup[cbk-tab:${stored.tab}]`);
    // A reload: same window (same name), same storage, a new store.
    expect(createRecoveryStore(storage, RECOVERY_KEYS.customer, windowTab(win)).load(0)).toEqual(
      stored,
    );
  });

  it('ignores a record copied into a new window (window.open), and leaves it in place', () => {
    const storage = memoryStorage();
    createRecoveryStore(storage, RECOVERY_KEYS.agent, fakeTab().tab).save(rec);
    // The popup starts with a copy of the opener's sessionStorage but its own window.name.
    const copy = memoryStorage();
    for (const [k, v] of storage.data) copy.data.set(k, v);
    for (const popup of [fakeTab(), fakeTab('viewer'), fakeTab('x[cbk-tab:other]')]) {
      const store = createRecoveryStore(copy, RECOVERY_KEYS.agent, popup.tab);
      expect(store.load(0)).toBeUndefined();
      store.touch(60_000, 0);
      store.clear();
      expect(copy.data.get(RECOVERY_KEYS.agent)).toBe(storage.data.get(RECOVERY_KEYS.agent));
    }
  });

  it('a copied record does not stop the new tab from starting its own session', () => {
    const storage = memoryStorage();
    createRecoveryStore(storage, RECOVERY_KEYS.customer, fakeTab().tab).save(rec);
    const popup = fakeTab();
    const store = createRecoveryStore(storage, RECOVERY_KEYS.customer, popup.tab);
    store.save({ ...rec, sessionId: 's2' });
    expect(store.load(0)?.sessionId).toBe('s2');
  });

  it('ignores a record without a tab id (saved before tabs were tracked)', () => {
    const storage = memoryStorage();
    storage.data.set(RECOVERY_KEYS.customer, JSON.stringify(rec));
    const { tab } = fakeTab();
    tab.claim();
    expect(createRecoveryStore(storage, RECOVERY_KEYS.customer, tab).load(0)).toBeUndefined();
  });

  it('gives the integrator their window.name back once no role needs the id', () => {
    const storage = memoryStorage();
    const { win, tab } = fakeTab('mine');
    const customer = createRecoveryStore(storage, RECOVERY_KEYS.customer, tab);
    const agent = createRecoveryStore(storage, RECOVERY_KEYS.agent, tab);
    customer.save(rec);
    agent.save(rec);
    customer.clear();
    expect(win.name).toMatch(/^mine\[cbk-tab:/);
    expect(agent.load(0)).toBeDefined();
    agent.clear();
    expect(win.name).toBe('mine');
  });

  it('never throws when window.name cannot be read or written', () => {
    const win = {
      get name(): string {
        throw new Error('blocked');
      },
      set name(_: string) {
        throw new Error('blocked');
      },
    };
    const store = createRecoveryStore(memoryStorage(), 'k', windowTab(win));
    expect(() => store.save(rec)).not.toThrow();
    expect(() => store.load(0)).not.toThrow();
    expect(() => store.clear()).not.toThrow();
  });
});
