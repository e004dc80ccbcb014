import { describe, expect, it } from 'vitest';
import {
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  createSequenceGuard,
  encodeFrame,
  parseClientFrame,
  parseServerFrame,
} from './index';

const ev = { type: 3, timestamp: 1, data: { source: 1 } };

describe('encodeFrame', () => {
  it('wraps a frame in the envelope', () => {
    expect(JSON.parse(encodeFrame({ t: 'ping', at: 5 }, 7))).toEqual({
      v: PROTOCOL_VERSION,
      seq: 7,
      t: 'ping',
      at: 5,
    });
  });

  it('round-trips through the parsers', () => {
    const c = parseClientFrame(encodeFrame({ t: 'events', events: [ev], full: true }, 1));
    expect(c).toEqual({ ok: true, frame: { v: 1, seq: 1, t: 'events', events: [ev], full: true } });
    const s = parseServerFrame(encodeFrame({ t: 'customer_status', status: 'reconnecting' }, 2));
    expect(s.ok && s.frame.t === 'customer_status' && s.frame.status).toBe('reconnecting');
  });
});

describe('parseClientFrame', () => {
  const hello = (extra: object) => JSON.stringify({ v: 1, seq: 1, t: 'hello', ...extra });

  it.each([
    [{ role: 'customer', action: 'start', token: 'jwt' }],
    [{ role: 'customer', action: 'start', token: 'jwt', pin: 'AB12' }],
    [{ role: 'customer', action: 'resume', sessionId: 's', resumeToken: 'r' }],
    [{ role: 'agent', action: 'join', token: 'jwt', pin: 'AB12' }],
    [{ role: 'agent', action: 'resume', sessionId: 's', resumeToken: 'r' }],
  ])('accepts hello %j', (extra) => {
    expect(parseClientFrame(hello(extra)).ok).toBe(true);
  });

  it.each([
    ['a start without token', { role: 'customer', action: 'start' }, 'token required'],
    [
      'a numeric pin',
      { role: 'customer', action: 'start', token: 't', pin: 12 },
      'pin must be a string',
    ],
    [
      'a resume without resumeToken',
      { role: 'agent', action: 'resume', sessionId: 's' },
      'sessionId and resumeToken',
    ],
    ['an agent join without pin', { role: 'agent', action: 'join', token: 't' }, 'pin required'],
    ['an unknown role', { role: 'admin', action: 'start', token: 't' }, 'unknown role/action'],
  ])('refuses %s', (_, extra, reason) => {
    const r = parseClientFrame(hello(extra));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });

  it.each([
    ['binary garbage', new Uint8Array([0xff, 0x00]), 'not JSON'],
    ['a number', 42, 'not text'],
    ['not JSON', '{nope', 'not JSON'],
    ['an array', '[1,2]', 'not an object'],
    ['another version', JSON.stringify({ v: 2, seq: 1, t: 'end' }), 'protocol version 2'],
    ['no version', JSON.stringify({ seq: 1, t: 'end' }), 'protocol version undefined'],
    ['seq 0', JSON.stringify({ v: 1, seq: 0, t: 'end' }), 'seq must be a positive integer'],
    [
      'fractional seq',
      JSON.stringify({ v: 1, seq: 1.5, t: 'end' }),
      'seq must be a positive integer',
    ],
    ['no t', JSON.stringify({ v: 1, seq: 1 }), 't must name the frame'],
    ['unknown t', JSON.stringify({ v: 1, seq: 1, t: 'boom' }), 'unknown frame type'],
    [
      'events that are not events',
      JSON.stringify({ v: 1, seq: 1, t: 'events', events: [{ type: 'x' }] }),
      'events must be an array',
    ],
    [
      'a non-boolean full',
      JSON.stringify({ v: 1, seq: 1, t: 'events', events: [], full: 1 }),
      'full must be boolean',
    ],
  ])('refuses %s', (_, raw, reason) => {
    const r = parseClientFrame(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });

  it('accepts binary JSON (ArrayBuffer views)', () => {
    const bytes = new TextEncoder().encode(encodeFrame({ t: 'leave' }, 3));
    expect(parseClientFrame(bytes).ok).toBe(true);
  });

  it('refuses frames over MAX_FRAME_BYTES', () => {
    const r = parseClientFrame(' '.repeat(MAX_FRAME_BYTES + 1));
    expect(!r.ok && r.reason).toBe('frame too large');
  });
});

describe('parseServerFrame', () => {
  it('accepts a welcome and refuses one without resumeToken', () => {
    const w = {
      t: 'welcome',
      role: 'customer',
      sessionId: 's',
      pin: 'AB12',
      resumeToken: 'r',
      agents: [],
      graceMs: 1,
    };
    expect(parseServerFrame(JSON.stringify({ v: 1, seq: 1, ...w })).ok).toBe(true);
    const r = parseServerFrame(JSON.stringify({ v: 1, seq: 1, ...w, resumeToken: '' }));
    expect(!r.ok && r.reason).toContain('resumeToken');
  });

  it('checks error frames have a numeric code and fatal flag', () => {
    expect(
      parseServerFrame(encodeFrame({ t: 'error', errorCode: 1010, errorMsg: 'x', fatal: true }, 1))
        .ok,
    ).toBe(true);
    expect(
      parseServerFrame(
        JSON.stringify({ v: 1, seq: 1, t: 'error', errorCode: '1010', errorMsg: 'x', fatal: true }),
      ).ok,
    ).toBe(false);
  });

  it('refuses agents without a userName and unknown statuses', () => {
    expect(
      parseServerFrame(
        JSON.stringify({ v: 1, seq: 1, t: 'agent_joined', agent: { userId: 'a' }, agentCount: 1 }),
      ).ok,
    ).toBe(false);
    expect(
      parseServerFrame(JSON.stringify({ v: 1, seq: 1, t: 'customer_status', status: 'gone' })).ok,
    ).toBe(false);
  });

  it('refuses client-only frame types', () => {
    expect(parseServerFrame(encodeFrame({ t: 'leave' }, 1)).ok).toBe(false);
  });
});

describe('createSequenceGuard', () => {
  it('accepts 1, 2, 3 in order', () => {
    const g = createSequenceGuard();
    expect([1, 2, 3].map((s) => g.accept(s))).toEqual([true, true, true]);
    expect(g.last).toBe(3);
  });

  it('refuses a gap, a repeat and a start other than 1, without moving', () => {
    const g = createSequenceGuard();
    expect(g.accept(2)).toBe(false);
    expect(g.accept(1)).toBe(true);
    expect(g.accept(1)).toBe(false);
    expect(g.accept(3)).toBe(false);
    expect(g.last).toBe(1);
  });
});
