import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeRelay, waitFor, welcome, wsConnect } from '../../test/fake-relay';
import { toWebSocketUrl } from './server-url';
import { Link, type LinkEnd, type LinkTiming } from './link';

let relay: FakeRelay;
beforeEach(async () => {
  relay = await FakeRelay.start();
});
afterEach(async () => {
  await relay.stop();
});

function setup(timing: LinkTiming = {}, url = toWebSocketUrl(relay.url)) {
  const log: string[] = [];
  const ends: LinkEnd[] = [];
  const frames: unknown[] = [];
  const link = new Link({
    url,
    connect: wsConnect,
    timing: { backoffMs: [10, 20], connectTimeoutMs: 1000, ...timing },
    resumeHello: (c) => ({ t: 'hello', role: 'agent', action: 'resume', ...c }),
    onWelcome: (f, resumed) => log.push(`welcome:${f.sessionId}:${resumed}`),
    onFrame: (f) => frames.push(f),
    onError: (e) => log.push(`error:${e.errorCode}`),
    onReconnecting: () => log.push('reconnecting'),
    onEnd: (e) => ends.push(e),
  });
  return { link, log, ends, frames };
}

const hello = { t: 'hello', role: 'agent', action: 'join', token: 'jwt', pin: 'AB12' } as const;

describe('Link', () => {
  it('sends hello as seq 1, reports welcome, numbers later frames', async () => {
    const { link, log } = setup();
    link.start(hello);
    const c = await relay.conn(0);
    const h = await c.frame('hello');
    expect(h).toMatchObject({ seq: 1, role: 'agent', action: 'join', pin: 'AB12' });
    expect(link.send({ t: 'leave' })).toBe('not_connected');
    c.send(welcome({ role: 'agent' }));
    await waitFor(() => log.includes('welcome:sess-1:false'), 'welcome');
    expect(link.send({ t: 'ping', at: 1 })).toBe('sent');
    expect((await c.frame('ping')).seq).toBe(2);
    link.close();
  });

  it('passes frames through and reports non-fatal errors without ending', async () => {
    const { link, log, frames, ends } = setup();
    link.start(hello);
    const c = await relay.conn(0);
    c.send(welcome());
    c.send({ t: 'error', errorCode: 1013, errorMsg: 'busy', fatal: false });
    c.send({ t: 'customer_status', status: 'reconnecting' });
    c.send({ t: 'pong', at: 1 });
    await waitFor(() => frames.length === 1, 'a frame');
    expect(log).toContain('error:1013');
    expect(frames).toMatchObject([{ t: 'customer_status', status: 'reconnecting' }]);
    expect(ends).toEqual([]);
    link.close();
  });

  it('ends with the relay error when hello is refused', async () => {
    const { link, ends } = setup();
    link.start(hello);
    const c = await relay.conn(0);
    c.send({ t: 'error', errorCode: 1006, errorMsg: 'no such PIN', fatal: true });
    await waitFor(() => ends.length, 'end');
    expect(ends).toEqual([
      { kind: 'failed', error: { errorCode: 1006, errorMsg: 'no such PIN' }, welcomed: false },
    ]);
    await c.waitClosed();
    expect(link.connected).toBe(false);
  });

  it('resumes with sessionId and resumeToken after an unexpected drop', async () => {
    const { link, log } = setup();
    link.start(hello);
    const c0 = await relay.conn(0);
    c0.send(welcome({ resumeToken: 'rt-1', graceMs: 5000 }));
    await waitFor(() => log.length === 1, 'welcome');
    c0.kill();
    const c1 = await relay.conn(1);
    expect(await c1.frame('hello')).toMatchObject({
      seq: 1,
      action: 'resume',
      sessionId: 'sess-1',
      resumeToken: 'rt-1',
    });
    c1.send(welcome({ resumeToken: 'rt-2' }));
    await waitFor(() => log.includes('welcome:sess-1:true'), 'resumed welcome');
    expect(log).toEqual(['welcome:sess-1:false', 'reconnecting', 'welcome:sess-1:true']);
    // Sequence numbers restart per connection.
    link.send({ t: 'leave' });
    expect((await c1.frame('leave')).seq).toBe(2);
    link.close();
  });

  it('keeps retrying inside the grace window, then fails with 1016', async () => {
    const { link, log, ends } = setup({ backoffMs: [20] });
    link.start(hello);
    const c0 = await relay.conn(0);
    c0.send(welcome({ graceMs: 300 }));
    await waitFor(() => log.length === 1, 'welcome');
    // Every later connection is dropped before it can be welcomed.
    relay.server.on('connection', (ws) => ws.terminate());
    c0.kill();
    await waitFor(() => ends.length, 'end', 3000);
    expect(relay.conns.length).toBeGreaterThan(2);
    expect(ends[0]).toMatchObject({ kind: 'failed', welcomed: true, error: { errorCode: 1016 } });
    expect(log.filter((l) => l === 'reconnecting')).toHaveLength(1);
  });

  it.each([
    [4000, 'customer_ended', { kind: 'ended', reason: 'customer_ended' }],
    [4001, '', { kind: 'replaced' }],
  ])('reports close %i as %j without reconnecting', async (code, reason, expected) => {
    const { link, ends } = setup();
    link.start(hello);
    const c = await relay.conn(0);
    c.send(welcome());
    await waitFor(() => link.connected, 'connected');
    c.close(code, reason);
    await waitFor(() => ends.length, 'end');
    expect(ends[0]).toEqual(expected);
    await new Promise((r) => setTimeout(r, 60));
    expect(relay.conns).toHaveLength(1);
  });

  it('maps a bare close 4404 before welcome to 1006', async () => {
    const { link, ends } = setup();
    link.start(hello);
    const c = await relay.conn(0);
    await c.frame('hello');
    c.close(4404, 'unknown PIN');
    await waitFor(() => ends.length, 'end');
    expect(ends[0]).toMatchObject({ kind: 'failed', error: { errorCode: 1006 } });
  });

  it('treats a sequence gap from the relay as a broken stream: closes 4400 and resumes', async () => {
    const { link, log } = setup();
    link.start(hello);
    const c0 = await relay.conn(0);
    c0.send(welcome({ graceMs: 5000 }));
    await waitFor(() => link.connected, 'connected');
    c0.send({ t: 'customer_status', status: 'connected' }, 5);
    expect((await c0.waitClosed()).code).toBe(4400);
    const c1 = await relay.conn(1);
    expect(await c1.frame('hello')).toMatchObject({ action: 'resume' });
    expect(log).toContain('reconnecting');
    link.close();
  });

  it('fails with 1001 on a malformed frame before welcome', async () => {
    const { link, ends } = setup();
    link.start(hello);
    const c = await relay.conn(0);
    c.sendRaw('{"v":9,"seq":1,"t":"welcome"}');
    await waitFor(() => ends.length, 'end');
    expect(ends[0]).toMatchObject({ kind: 'failed', welcomed: false, error: { errorCode: 1001 } });
    expect((ends[0] as { error: { errorMsg: string } }).error.errorMsg).toContain(
      'protocol version 9',
    );
  });

  it('fails with 1016 when nothing listens', async () => {
    const { link, ends } = setup({}, 'ws://127.0.0.1:9/cobrowse/ws');
    link.start(hello);
    await waitFor(() => ends.length, 'end');
    expect(ends[0]).toMatchObject({ kind: 'failed', error: { errorCode: 1016 } });
  });

  it('fails with 1016 when no welcome comes in time', async () => {
    const { link, ends } = setup({ connectTimeoutMs: 100 });
    link.start(hello);
    await waitFor(() => ends.length, 'end');
    expect(ends[0]).toMatchObject({ kind: 'failed', welcomed: false, error: { errorCode: 1016 } });
  });

  it('close(final) sends the final frame, closes 1000 and reports nothing', async () => {
    const { link, ends } = setup();
    link.start(hello);
    const c = await relay.conn(0);
    c.send(welcome());
    await waitFor(() => link.connected, 'connected');
    link.close({ t: 'end' });
    await c.frame('end');
    expect((await c.waitClosed()).code).toBe(1000);
    await new Promise((r) => setTimeout(r, 30));
    expect(ends).toEqual([]);
  });

  it('refuses to send a frame over the byte limit', async () => {
    const { link } = setup({ maxFrameBytes: 200 });
    link.start(hello);
    const c = await relay.conn(0);
    c.send(welcome());
    await waitFor(() => link.connected, 'connected');
    const big = [{ type: 3, timestamp: 1, data: 'x'.repeat(300) }];
    expect(link.send({ t: 'events', events: big })).toBe('too_large');
    expect(link.send({ t: 'ping', at: 1 })).toBe('sent');
    expect((await c.frame('ping')).seq).toBe(2);
    link.close();
  });
});
