import { verifyToken } from '@cobrowse-kit/core/server';
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../src/errors';
import { mintToken, randomKeys } from '../src/tokens';

const keys = randomKeys();

describe('mintToken', () => {
  it('mints a BYOP customer token by default that the engine would accept', async () => {
    const token = await mintToken(keys, { role: 'customer' });
    const claims = await verifyToken(token, keys.sdkSecret, {
      role: 'customer',
      sdkKey: keys.sdkKey,
    });
    expect(claims.enable_byop).toBe(1);
    expect(claims.role_type).toBe(1);
    expect(claims.user_name).toBe('Test Customer');
  });

  it('mints a customer token without enable_byop on request', async () => {
    const token = await mintToken(keys, { role: 'customer', byop: false, userName: 'Ada' });
    const claims = await verifyToken(token, keys.sdkSecret, { role: 'customer' });
    expect(claims.enable_byop).toBeUndefined();
    expect(claims.user_name).toBe('Ada');
  });

  it('mints agent tokens with a fresh user id each time (no duplicate-user 1015)', async () => {
    const a = await verifyToken(await mintToken(keys, { role: 'agent' }), keys.sdkSecret, {
      role: 'agent',
    });
    const b = await verifyToken(await mintToken(keys, { role: 'agent' }), keys.sdkSecret, {
      role: 'agent',
    });
    expect(a.role_type).toBe(2);
    expect(a.user_id).not.toBe(b.user_id);
    expect(a.enable_byop).toBeUndefined();
  });

  it('honours userId and ttlSeconds', async () => {
    const token = await mintToken(keys, { role: 'agent', userId: 'grace', ttlSeconds: 1800 });
    const c = await verifyToken(token, keys.sdkSecret);
    expect(c.user_id).toBe('grace');
    expect(c.exp - c.iat).toBe(1800);
  });

  it('wraps core errors in a named HarnessError that says the fix', async () => {
    const err = await mintToken({ sdkKey: 'k', sdkSecret: 'short' }, { role: 'agent' }).catch(
      (e) => e,
    );
    expect(isHarnessError(err, 'TOKEN_MINT_FAILED')).toBe(true);
    expect(err.message).toMatch(/secret/i);
    expect(err.message).toContain('engine');
  });
});

describe('randomKeys', () => {
  it('gives distinct keys and a 32-byte secret', () => {
    const a = randomKeys();
    const b = randomKeys();
    expect(a.sdkKey).not.toBe(b.sdkKey);
    expect(a.sdkSecret).toHaveLength(64);
  });
});
