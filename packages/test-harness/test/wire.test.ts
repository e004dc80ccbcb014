import { EventEmitter } from 'node:events';
import type { Page } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { isHarnessError } from '../src/errors';
import { expectNotOnWire, recordWire } from '../src/wire';

// Just enough of Playwright's Page and WebSocket for the recorder: events and a url.
function fakePage() {
  const page = new EventEmitter() as EventEmitter & { context(): unknown };
  page.context = () => ({});
  const open = (url: string) => {
    const ws = new EventEmitter() as EventEmitter & { url(): string };
    ws.url = () => url;
    page.emit('websocket', ws);
    return {
      sent: (payload: string | Buffer) => ws.emit('framesent', { payload }),
      received: (payload: string | Buffer) => ws.emit('framereceived', { payload }),
    };
  };
  return { page: page as unknown as Page, open };
}

describe('recordWire', () => {
  it('records frames in both directions, text and binary', () => {
    const { page, open } = fakePage();
    const wire = recordWire(page);
    const ws = open('ws://127.0.0.1/cobrowse/ws');
    ws.sent('{"t":"hello"}');
    ws.received(Buffer.from('{"t":"welcome"}'));
    expect(wire.sockets).toEqual(['ws://127.0.0.1/cobrowse/ws']);
    expect(wire.frames.map((f) => [f.direction, f.payload])).toEqual([
      ['sent', '{"t":"hello"}'],
      ['received', '{"t":"welcome"}'],
    ]);
  });

  it('is idempotent per page', () => {
    const { page } = fakePage();
    expect(recordWire(page)).toBe(recordWire(page));
  });

  it('passes when the secret never crossed, and names the frame when it did', () => {
    const { page, open } = fakePage();
    recordWire(page);
    const ws = open('ws://e/ws');
    ws.sent(JSON.stringify({ t: 'events', events: [{ data: { text: '****' } }] }));
    expectNotOnWire(page, '4242 4242 4242 4242');
    ws.sent(JSON.stringify({ t: 'events', events: [{ data: { text: '4242 4242 4242 4242' } }] }));
    try {
      expectNotOnWire(page, '4242 4242 4242 4242');
      expect.unreachable();
    } catch (e) {
      expect(isHarnessError(e, 'SECRET_ON_WIRE')).toBe(true);
      expect((e as Error).message).toContain('sent on ws://e/ws');
    }
  });

  it('finds secrets in their JSON-escaped spelling', () => {
    const { page, open } = fakePage();
    const wire = recordWire(page);
    const ws = open('ws://e/ws');
    ws.sent(JSON.stringify({ v: 'say "hi"' }));
    ws.sent('{"v":"Jos\\u00e9"}');
    expect(wire.contains('say "hi"')).toBe(true);
    expect(wire.contains('José')).toBe(true);
    expect(wire.contains('Josef')).toBe(false);
  });

  it('refuses to prove anything from an empty recording', () => {
    const { page } = fakePage();
    recordWire(page);
    expect(() => expectNotOnWire(page, 'x')).toThrow(/WIRE_EMPTY/);
    expect(() => expectNotOnWire(page, 'x', { allowEmpty: true })).not.toThrow();
  });

  it('tells you to record first', () => {
    const { page } = fakePage();
    expect(() => expectNotOnWire(page, 'x')).toThrow(/WIRE_NOT_RECORDING.*before page\.goto/);
  });

  it('clear() forgets frames but keeps recording', () => {
    const { page, open } = fakePage();
    const wire = recordWire(page);
    const ws = open('ws://e/ws');
    ws.sent('secret');
    wire.clear();
    ws.sent('fine');
    expect(wire.contains('secret')).toBe(false);
    expect(wire.frames).toHaveLength(1);
  });
});
