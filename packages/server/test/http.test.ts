import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { verifyToken } from '@cobrowse-kit/core/server';
import { CloseCodes } from '@cobrowse-kit/sdk/protocol';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCobrowseHandler } from '../src/index';
import {
  SDK_KEY,
  SDK_SECRET,
  connect,
  joinAgent,
  mint,
  startCustomer,
  startServer,
} from './helpers';

describe('GET /healthz', () => {
  it('reports ok and the number of live sessions', async () => {
    const server = await startServer();
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({
      ok: true,
      sessions: 0,
    });
    await startCustomer(server);
    await startCustomer(server);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ ok: true, sessions: 2 });
  });
});

describe('sdk bundles at the CDN paths', () => {
  const paths = [
    ['customer', '/static/resource/sdk/KEY123/js/2.5.0'],
    ['customer', '/static/resource/sdk/KEY123/js/2.5.x'],
    ['customer', '/static/resource/sdk/KEY123/js'],
    ['customer', '/static/resource/sdk/KEY123/js/'],
    ['agent', '/static/resource/sdk/KEY123/agent/js/2.5.0'],
    ['agent', '/static/resource/sdk/KEY123/agent/js/2.5.x'],
    ['agent', '/static/resource/sdk/KEY123/agent/js'],
    ['viewer', '/static/resource/sdk/viewer.js'],
  ] as const;

  it.each(paths)('serves the %s bundle at %s with the public URL filled in', async (bundle, p) => {
    const server = await startServer();
    const res = await fetch(`${server.url}${p}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toContain('no-cache');
    const body = await res.text();
    expect(body).toContain(`bundle: '${bundle}'`);
    expect(body).toContain(`var serverUrl = ${JSON.stringify(server.url)};`);
    expect(body).not.toContain('__COBROWSE_KIT_PUBLIC_URL__');
  });

  it('injects a configured publicUrl, not the listen address', async () => {
    const server = await startServer({ publicUrl: 'https://cobrowse.example.com/' });
    expect(server.url).toBe('https://cobrowse.example.com');
    const body = await (
      await fetch(`http://127.0.0.1:${server.port}/static/resource/sdk/K/js/2.5.x`)
    ).text();
    expect(body).toContain('var serverUrl = "https://cobrowse.example.com";');
  });

  it.each(['2.5', 'latest!', 'latest', '2.5.0.1', 'v2.5.0', '%E0%A4%A'])(
    'answers 400 with a clear message for version %s',
    async (version) => {
      const server = await startServer();
      const res = await fetch(`${server.url}/static/resource/sdk/KEY/js/${version}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/SDK version .*(invalid|not valid).*2\.5\.0.*2\.5\.x/s);
      const agent = await fetch(`${server.url}/static/resource/sdk/KEY/agent/js/${version}`);
      expect(agent.status).toBe(400);
    },
  );

  it('supports ETag revalidation, gzip and HEAD', async () => {
    const server = await startServer();
    const url = `${server.url}/static/resource/sdk/KEY/js/2.5.0`;
    const first = await fetch(url);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(url, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>(
      (resolve, reject) => {
        import('node:http').then(({ get }) =>
          get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
            );
          }).on('error', reject),
        );
      },
    );
    expect(raw.encoding).toBe('gzip');
    expect(gunzipSync(raw.body).toString()).toContain(server.url);
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 503 "build @cobrowse-kit/sdk first" when the bundles are missing', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'cbk-empty-'));
    const server = await startServer({ sdkBundleDir: empty });
    for (const p of [
      '/static/resource/sdk/K/js/2.5.x',
      '/static/resource/sdk/K/agent/js',
      '/static/resource/sdk/viewer.js',
    ]) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('build @cobrowse-kit/sdk first');
    }
  });
});

describe('agent viewer', () => {
  async function viewerUrl(url: string, body: unknown) {
    return fetch(`${url}/cobrowse/viewer-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://console.example' },
      body: JSON.stringify(body),
    });
  }

  it('issues a viewer URL whose ticket joins the session in place of an agent JWT', async () => {
    const server = await startServer();
    const customer = await startCustomer(server, { pin: 'AB12' });
    const sdkToken = await mint('agent', { userId: 'viewer-agent', userName: 'Vera' });
    const res = await viewerUrl(server.url, {
      pinCode: 'ab12',
      sdkToken,
      hostOrigin: 'https://console.example',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const { agentViewerUrl } = (await res.json()) as { agentViewerUrl: string };
    const url = new URL(agentViewerUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${server.url}/cobrowse/viewer`);
    expect(url.searchParams.get('pin')).toBe('AB12');
    expect(url.searchParams.get('hostOrigin')).toBe('https://console.example');
    const ticket = url.searchParams.get('ticket') ?? '';
    expect(ticket).toMatch(/^cbk_vt_[A-Za-z0-9_-]{40,}$/);

    const agent = await joinAgent(server, 'AB12', { token: ticket });
    expect(agent.welcome.agents).toEqual([{ userId: 'viewer-agent', userName: 'Vera' }]);
    expect(await customer.client.next('agent_joined')).toMatchObject({
      agent: { userName: 'Vera' },
    });

    // The page itself: a mount point, our script only, framed only by the host origin.
    const page = await fetch(agentViewerUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'self' https://console.example");
    expect(csp).toContain(server.url.replace('http', 'ws'));
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<div id="cobrowse-kit-viewer"></div>');
    expect(html).toContain('<script src="/static/resource/sdk/viewer.js"></script>');
    expect(html).not.toMatch(/<script>/);
  });

  it('refuses a ticket for another PIN, an unknown ticket, and an expired one', async () => {
    const server = await startServer({ viewerTicketTtlMs: 60 });
    await startCustomer(server, { pin: 'AB12' });
    await startCustomer(server, { pin: 'CD34' });
    const res = await viewerUrl(server.url, { pinCode: 'AB12', sdkToken: await mint('agent') });
    const ticket =
      new URL(((await res.json()) as { agentViewerUrl: string }).agentViewerUrl).searchParams.get(
        'ticket',
      ) ?? '';
    for (const [token, pin] of [
      [ticket, 'CD34'],
      ['cbk_vt_made-up', 'AB12'],
    ] as const) {
      const c = await connect(server);
      c.send({ t: 'hello', role: 'agent', action: 'join', token, pin });
      expect(await c.next('error')).toMatchObject({ errorCode: 2001 });
      expect((await c.closed).code).toBe(CloseCodes.UNAUTHORIZED);
    }
    await new Promise((r) => setTimeout(r, 80));
    const c = await connect(server);
    c.send({ t: 'hello', role: 'agent', action: 'join', token: ticket, pin: 'AB12' });
    expect(await c.next('error')).toMatchObject({ errorCode: 2001 });
  });

  it('answers viewer-url errors as { errorCode, errorMsg } with CORS', async () => {
    const server = await startServer();
    await startCustomer(server, { pin: 'AB12' });
    const cases: Array<[unknown, number, number]> = [
      [{ pinCode: 'ZZ99', sdkToken: await mint('agent') }, 404, 1006],
      [{ pinCode: 'AB12', sdkToken: await mint('customer') }, 403, 2001],
      [{ pinCode: 'AB12', sdkToken: 'garbage' }, 401, 2001],
      [{ pinCode: 'A-B', sdkToken: await mint('agent') }, 400, 1008],
      [{ pinCode: 'AB12' }, 400, 2001],
      [
        { pinCode: 'AB12', sdkToken: await mint('agent'), hostOrigin: 'javascript:alert(1)' },
        400,
        400,
      ],
      [
        { pinCode: 'AB12', sdkToken: await mint('agent'), hostOrigin: 'https://x.example/path' },
        400,
        400,
      ],
      ['not an object', 400, 400],
    ];
    for (const [body, status, errorCode] of cases) {
      const res = await viewerUrl(server.url, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const json = (await res.json()) as { errorCode: number; errorMsg: string };
      expect(json.errorCode).toBe(errorCode);
      expect(json.errorMsg.length).toBeGreaterThan(10);
    }
    const bad = await fetch(`${server.url}/cobrowse/viewer-url`, { method: 'POST', body: '{oops' });
    expect(bad.status).toBe(400);
    const pre = await fetch(`${server.url}/cobrowse/viewer-url`, {
      method: 'OPTIONS',
      headers: { origin: 'https://a.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toContain('content-type');
    expect((await fetch(`${server.url}/cobrowse/viewer-url`)).status).toBe(405);
  });

  it('serves the viewer page without a ticket, frameable by any origin', async () => {
    const server = await startServer();
    const page = await fetch(`${server.url}/cobrowse/viewer?pin=AB12`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors *');
  });
});

describe('dev token endpoint', () => {
  it('mints customer and agent tokens when devTokens is on, with CORS', async () => {
    const server = await startServer({ devTokens: true });
    const res = await fetch(`${server.url}/cobrowse/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'customer', byop: true }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const { token } = (await res.json()) as { token: string };
    const claims = await verifyToken(token, SDK_SECRET, { role: 'customer', sdkKey: SDK_KEY });
    expect(claims).toMatchObject({ enable_byop: 1, user_name: 'Dev Customer' });

    const agentRes = await fetch(`${server.url}/cobrowse/dev/token?role=agent&userName=Ada`);
    const agentClaims = await verifyToken(
      ((await agentRes.json()) as { token: string }).token,
      SDK_SECRET,
      { role: 'agent' },
    );
    expect(agentClaims).toMatchObject({ user_name: 'Ada', role_type: 2 });
    const plain = await fetch(`${server.url}/cobrowse/dev/token?role=agent`);
    expect(
      (await verifyToken(((await plain.json()) as { token: string }).token, SDK_SECRET)).user_name,
    ).toBe('Dev Agent');

    // A dev token works end to end.
    const { welcome } = await startCustomer(server, { pin: 'dev1', token });
    expect(welcome.pin).toBe('DEV1');
    expect((await fetch(`${server.url}/cobrowse/dev/token?role=boss`)).status).toBe(400);
    expect((await fetch(`${server.url}/cobrowse/dev/token`, { method: 'OPTIONS' })).status).toBe(
      204,
    );
  });

  it('is not mounted by default', async () => {
    const server = await startServer();
    expect((await fetch(`${server.url}/cobrowse/dev/token?role=agent`)).status).toBe(404);
  });
});

describe('routing', () => {
  it('answers 404 for unknown routes and refuses WebSockets off the relay path', async () => {
    const server = await startServer();
    for (const p of ['/', '/nope', '/static/resource/sdk/KEY', '/static/resource/sdk/a/b/c/d']) {
      expect((await fetch(`${server.url}${p}`)).status, p).toBe(404);
    }
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/elsewhere`);
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('error'));
      ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    });
    expect(outcome).toBe('404');
    ws.terminate();
  });

  it('mounts on an existing node:http server next to other routes', async () => {
    const { createServer } = await import('node:http');
    const cobrowse = createCobrowseHandler({
      sdkKey: SDK_KEY,
      sdkSecret: SDK_SECRET,
      logger: false,
    });
    const http = createServer(async (req, res) => {
      if (await cobrowse.handleRequest(req, res)) return;
      res.end('app');
    });
    http.on('upgrade', (req, socket, head) => {
      if (!cobrowse.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const { port } = http.address() as { port: number };
    try {
      expect(await (await fetch(`http://127.0.0.1:${port}/other`)).text()).toBe('app');
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toMatchObject({
        ok: true,
      });
      const ws = new WebSocket(`ws://127.0.0.1:${port}/cobrowse/ws`);
      await new Promise((r, j) => ws.once('open', r).once('error', j));
      ws.close();
    } finally {
      await cobrowse.close();
      await new Promise((r) => http.close(r));
    }
  });

  it('rejects invalid options up front', async () => {
    await expect(startServer({ sdkSecret: 'short' })).rejects.toThrow(/32 bytes/);
    await expect(startServer({ publicUrl: 'https://x.example/sub' })).rejects.toThrow(/origin/);
    await expect(startServer({ maxAgentsPerSession: 0 })).rejects.toThrow(/maxAgentsPerSession/);
    expect(() => createCobrowseHandler({})).toThrow(/sdkKey and sdkSecret/);
  });
});
