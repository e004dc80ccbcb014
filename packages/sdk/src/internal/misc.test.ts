import { describe, expect, it, vi } from 'vitest';
import { fakeJwt } from '../../test/fake-relay';
import { createEmitter } from './emitter';
import { errorForClose } from './errors';
import { exceedsBytes } from './link';
import { toHttpUrl, toWebSocketUrl } from './server-url';
import { peekClaims, tokenProblem } from './token';

describe('toWebSocketUrl / toHttpUrl', () => {
  it.each([
    ['http://localhost:8787', 'ws://localhost:8787/cobrowse/ws'],
    ['https://relay.example.com/', 'wss://relay.example.com/cobrowse/ws'],
    ['https://relay.example.com/support//', 'wss://relay.example.com/support/cobrowse/ws'],
    ['wss://r.example/x?y=1#z', 'wss://r.example/x/cobrowse/ws'],
  ])('%s → %s', (input, out) => {
    expect(toWebSocketUrl(input)).toBe(out);
  });

  it('resolves a relative serverUrl against the page', () => {
    expect(toWebSocketUrl('/relay', 'https://app.example.com/page')).toBe(
      'wss://app.example.com/relay/cobrowse/ws',
    );
  });

  it('refuses other schemes', () => {
    expect(() => toWebSocketUrl('ftp://x')).toThrow(/http\(s\) or ws\(s\)/);
  });

  it('builds the viewer-url endpoint', () => {
    expect(toHttpUrl('wss://r.example/base/', '/cobrowse/viewer-url')).toBe(
      'https://r.example/base/cobrowse/viewer-url',
    );
  });
});

describe('token peeking', () => {
  it('reads claims of a JWT and nothing else', () => {
    expect(peekClaims(fakeJwt({ role_type: 2, user_name: 'Zoë' }))).toMatchObject({ role_type: 2 });
    expect(peekClaims('abc')).toBeUndefined();
    expect(peekClaims('a.!!!.c')).toBeUndefined();
    expect(peekClaims(`a.${Buffer.from('[1]').toString('base64url')}.c`)).toBeUndefined();
  });

  it('names the problem: missing, malformed, wrong role, no BYOP', () => {
    expect(tokenProblem('', 'customer', false)?.code).toBe('missing');
    expect(tokenProblem('x.y', 'customer', false)?.code).toBe('malformed');
    expect(tokenProblem(fakeJwt({ role_type: 2 }), 'customer', false)?.code).toBe('role');
    expect(tokenProblem(fakeJwt({ role_type: 1 }), 'agent', false)?.message).toContain(
      'role_type 2',
    );
    expect(tokenProblem(fakeJwt({ role_type: 1 }), 'customer', true)?.message).toContain(
      'enable_byop',
    );
    expect(
      tokenProblem(fakeJwt({ role_type: 1, enable_byop: 1 }), 'customer', true),
    ).toBeUndefined();
  });
});

describe('createEmitter', () => {
  it('calls handlers in order, supports off, survives a throwing handler', () => {
    vi.useFakeTimers();
    const e = createEmitter<{ x: number }>();
    const seen: number[] = [];
    const bad = () => {
      throw new Error('handler bug');
    };
    const h = (n: number) => seen.push(n);
    e.on('x', bad);
    e.on('x', h);
    e.emit('x', 1);
    e.off('x', h);
    e.emit('x', 2);
    expect(seen).toEqual([1]);
    // The handler's error is rethrown asynchronously, not swallowed.
    expect(() => vi.runAllTimers()).toThrow('handler bug');
    vi.useRealTimers();
  });
});

describe('errorForClose', () => {
  it('maps the relay close codes to Zoom codes and leaves others for reconnect', () => {
    expect(errorForClose(4401, '')?.errorCode).toBe(2001);
    expect(errorForClose(4404, '')?.errorCode).toBe(1006);
    expect(errorForClose(4409, 'in use')?.errorMsg).toContain('in use');
    expect(errorForClose(1006, '')).toBeUndefined();
    expect(errorForClose(1001, '')).toBeUndefined();
  });
});

describe('exceedsBytes', () => {
  it('counts UTF-8 bytes', () => {
    expect(exceedsBytes('abc', 3)).toBe(false);
    expect(exceedsBytes('héllo', 5)).toBe(true);
    expect(exceedsBytes('€', 3)).toBe(false);
    expect(exceedsBytes('€€', 5)).toBe(true);
  });
});
