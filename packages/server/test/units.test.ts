import { describe, expect, it } from 'vitest';
import { CHECKPOINT_MAX_BYTES_LIMIT, Checkpoint } from '../src/checkpoint';
import { injectPublicUrl } from '../src/assets';
import { matchSdkRoute, normalizeOrigin } from '../src/http';
import { CLI_HELP, DEFAULT_CLI_PORT, createMemoryStore, parseCliArgs } from '../src/index';

describe('createMemoryStore', () => {
  it('keeps a live PIN unique per SDK key and releases it only for its holder', async () => {
    const store = createMemoryStore();
    expect(await store.reservePin('K', 'AB12', 's1')).toBe(true);
    expect(await store.reservePin('K', 'AB12', 's2')).toBe(false);
    expect(await store.reservePin('K', 'AB12', 's1')).toBe(true);
    expect(await store.reservePin('OTHER', 'AB12', 's3')).toBe(true);
    await store.releasePin('K', 'AB12', 's2');
    expect(await store.lookupPin('K', 'AB12')).toBe('s1');
    await store.releasePin('K', 'AB12', 's1');
    expect(await store.lookupPin('K', 'AB12')).toBeUndefined();
  });

  it('stores sessions as copies and counts them', async () => {
    const store = createMemoryStore();
    const record = {
      sessionId: 's1',
      sdkKey: 'K',
      pin: 'P',
      createdAt: 1,
      customer: { userId: 'u', userName: 'U' },
    };
    await store.putSession(record);
    record.pin = 'changed';
    expect((await store.getSession('s1'))?.pin).toBe('P');
    expect(await store.countSessions()).toBe(1);
    await store.deleteSession('s1');
    expect(await store.getSession('s1')).toBeUndefined();
  });

  it('forgets tickets once they expire', async () => {
    const store = createMemoryStore();
    const base = { sessionId: 's', sdkKey: 'K', pin: 'P', userId: 'a', userName: 'A' };
    await store.putTicket('t1', { ...base, expiresAt: Date.now() + 60_000 });
    await store.putTicket('t2', { ...base, expiresAt: Date.now() - 1 });
    expect(await store.getTicket('t1')).toMatchObject({ userId: 'a' });
    expect(await store.getTicket('t2')).toBeUndefined();
  });
});

describe('Checkpoint', () => {
  const batch = (n: number) =>
    JSON.stringify(Array.from({ length: n }, (_, i) => ({ type: 3, timestamp: i, data: {} })));

  it('starts at a full batch and accumulates what follows', () => {
    const cp = new Checkpoint(100, 100_000);
    expect(cp.add(batch(2), 2, false)).toBe('skipped');
    expect(cp.usable).toBe(false);
    cp.add(batch(2), 2, true);
    cp.add(batch(3), 3, false);
    cp.add('[]', 0, false);
    expect(cp.size.events).toBe(5);
    expect(JSON.parse(cp.toJson())).toHaveLength(5);
    cp.add(batch(1), 1, true);
    expect(JSON.parse(cp.toJson())).toHaveLength(1);
  });

  it('overflows on either bound and waits for the next full batch', () => {
    const cp = new Checkpoint(4, 100_000);
    cp.add(batch(2), 2, true);
    expect(cp.add(batch(3), 3, false)).toBe('overflow');
    expect(cp.usable).toBe(false);
    expect(cp.add(batch(1), 1, false)).toBe('skipped');
    const small = new Checkpoint(100, 50);
    small.add(batch(1), 1, true);
    expect(small.add(batch(2), 2, false)).toBe('overflow');
  });

  it('always accepts a full batch as its base, even above the bound', () => {
    const cp = new Checkpoint(1, 10);
    expect(cp.add(batch(5), 5, true)).toBe('stored');
    expect(cp.usable).toBe(true);
    expect(CHECKPOINT_MAX_BYTES_LIMIT).toBeGreaterThan(1_000_000);
  });
});

describe('route helpers', () => {
  it('matches the CDN bundle paths', () => {
    expect(matchSdkRoute('KEY/js/2.5.0')).toEqual({ bundle: 'customer' });
    expect(matchSdkRoute('KEY/agent/js/2.5.x')).toEqual({ bundle: 'agent' });
    expect(matchSdkRoute('KEY/agent/js')).toEqual({ bundle: 'agent' });
    expect(matchSdkRoute('KEY/js/2.5')?.error).toMatch(/2\.5/);
    expect(matchSdkRoute('../js/2.5.0')?.error).toMatch(/SDK key/);
    expect(matchSdkRoute('KEY/css/2.5.0')).toBeUndefined();
  });

  it('accepts plain http(s) origins only', () => {
    expect(normalizeOrigin('https://a.example')).toBe('https://a.example');
    expect(normalizeOrigin('https://a.example/')).toBe('https://a.example');
    expect(normalizeOrigin('http://localhost:5173')).toBe('http://localhost:5173');
    expect(normalizeOrigin('https://a.example/x')).toBeUndefined();
    expect(normalizeOrigin('null')).toBeUndefined();
    expect(normalizeOrigin('data:text/html,hi')).toBeUndefined();
  });

  it('fills the placeholder in either quote style, as a JSON string', () => {
    expect(
      injectPublicUrl(
        'a("__COBROWSE_KIT_PUBLIC_URL__");b(\'__COBROWSE_KIT_PUBLIC_URL__\')',
        'http://h:1',
      ),
    ).toBe('a("http://h:1");b("http://h:1")');
  });
});

describe('parseCliArgs', () => {
  it('prints help that names every flag and env var', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
    for (const s of [
      '--port',
      '--host',
      '--public-url',
      '--sdk-key',
      '--sdk-secret',
      '--dev-tokens',
      'COBROWSE_PORT',
      'COBROWSE_HOST',
      'COBROWSE_PUBLIC_URL',
      'COBROWSE_SDK_KEY',
      'COBROWSE_SDK_SECRET',
      String(DEFAULT_CLI_PORT),
    ]) {
      expect(CLI_HELP).toContain(s);
    }
  });

  it('generates development keys and enables dev tokens when none are given', () => {
    const cmd = parseCliArgs([], {});
    expect(cmd).toMatchObject({
      kind: 'run',
      port: 9400,
      host: '127.0.0.1',
      devKeys: true,
      devTokens: true,
    });
    if (cmd.kind !== 'run') throw new Error('unreachable');
    expect(cmd.sdkKey).toMatch(/^dev-/);
    expect(cmd.sdkSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('takes flags over environment variables', () => {
    const env = {
      COBROWSE_PORT: '8000',
      COBROWSE_HOST: '0.0.0.0',
      COBROWSE_PUBLIC_URL: 'https://env.example',
      COBROWSE_SDK_KEY: 'env-key',
      COBROWSE_SDK_SECRET: 'e'.repeat(32),
    };
    expect(parseCliArgs([], env)).toMatchObject({
      kind: 'run',
      port: 8000,
      host: '0.0.0.0',
      publicUrl: 'https://env.example',
      sdkKey: 'env-key',
      devKeys: false,
      devTokens: false,
    });
    expect(
      parseCliArgs(['--port', '0', '--sdk-key', 'flag-key', '--dev-tokens'], env),
    ).toMatchObject({
      port: 0,
      sdkKey: 'flag-key',
      devTokens: true,
    });
  });

  it('reports bad input as an error, never throws', () => {
    for (const argv of [
      ['--port', 'abc'],
      ['--port', '70000'],
      ['--bogus'],
      ['--sdk-key', 'k'],
      ['--sdk-key', 'k', '--sdk-secret', 'short'],
      ['--public-url', 'ftp://x'],
      ['extra'],
    ]) {
      expect(parseCliArgs(argv, {}).kind, argv.join(' ')).toBe('error');
    }
  });
});
