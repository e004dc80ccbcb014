import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../test/fake-relay';
import { RECOVERY_KEYS, createRecoveryStore } from './recovery';

const rec = { sessionId: 's1', resumeToken: 'r1', pin: 'AB12', expiresAt: 10_000 };

describe('createRecoveryStore', () => {
  it('saves and loads an unexpired record under its key', () => {
    const storage = memoryStorage();
    const store = createRecoveryStore(storage, RECOVERY_KEYS.customer);
    store.save(rec);
    expect(JSON.parse(storage.data.get('cobrowse-kit:customer-session') ?? '')).toEqual(rec);
    expect(store.load(9_999)).toEqual(rec);
  });

  it('drops an expired record', () => {
    const storage = memoryStorage();
    const store = createRecoveryStore(storage, 'k');
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
    expect(createRecoveryStore(storage, 'k').load(0)).toBeUndefined();
    expect(storage.data.has('k')).toBe(false);
  });

  it('touch() moves the expiry to now + grace, and does nothing without a record', () => {
    const storage = memoryStorage();
    const store = createRecoveryStore(storage, 'k');
    store.touch(5_000, 100);
    expect(storage.data.has('k')).toBe(false);
    store.save(rec);
    store.touch(120_000, 50_000);
    expect(store.load(100_000)?.expiresAt).toBe(170_000);
  });

  it('clear() removes the record', () => {
    const storage = memoryStorage();
    const store = createRecoveryStore(storage, 'k');
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
    createRecoveryStore(storage, RECOVERY_KEYS.customer).save(rec);
    expect(createRecoveryStore(storage, RECOVERY_KEYS.agent).load(0)).toBeUndefined();
  });
});
