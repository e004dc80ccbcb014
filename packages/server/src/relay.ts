// The WebSocket relay: authenticates `hello`, owns live sessions, forwards events and signals,
// keeps each session's checkpoint, and runs the grace / wait / keepalive timers.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CobrowseError, generatePin, validatePin } from '@cobrowse-kit/core';
import { type CobrowseTokenClaims, decodeToken, verifyToken } from '@cobrowse-kit/core/server';
import {
  type ClientFrame,
  CloseCodes,
  type Envelope,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  type ServerFrame,
  WS_PATH,
  type WireAgent,
  createSequenceGuard,
  encodeFrame,
  parseClientFrame,
} from '@cobrowse-kit/sdk/protocol';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { Checkpoint } from './checkpoint';
import type { ResolvedOptions } from './options';
import type { SessionRecord } from './store';

/**
 * Prefix of viewer tickets, so `hello.token` can tell a ticket from a JWT without a lookup.
 *
 * @example
 * ```ts
 * const isTicket = token.startsWith(VIEWER_TICKET_PREFIX); // 'cbk_vt_'
 * ```
 */
export const VIEWER_TICKET_PREFIX = 'cbk_vt_';

/**
 * Error codes the relay sends that have no Zoom equivalent: they mirror the close code.
 *
 * @example
 * ```ts
 * if (frame.t === 'error' && frame.errorCode === RelayErrorCodes.MALFORMED) reportBug(frame.errorMsg);
 * ```
 */
export const RelayErrorCodes = {
  MALFORMED: 4400,
  HELLO_TIMEOUT: 4408,
} as const;

/** How long a lagging agent may stay undrained before it is dropped. */
const LAG_GIVE_UP_MS = 60_000;
const LAG_POLL_MS = 100;
/** Overflow-driven snapshot requests at most this often, so a DOM larger than the bound cannot loop. */
const OVERFLOW_SNAPSHOT_MIN_INTERVAL_MS = 5_000;
/** Frames a client may send before its `welcome` (e.g. a ping right behind `hello`). */
const MAX_QUEUED_BEFORE_WELCOME = 64;
/** Extra inbound room over MAX_FRAME_BYTES so an oversized frame gets a readable 4400, not 1009. */
const PAYLOAD_SLACK = 1024 * 1024;
/** Attempts at a fresh random PIN before giving up (a 6-digit space is a million PINs). */
const PIN_ATTEMPTS = 50;

type Role = 'customer' | 'agent';
type HelloFrame = Extract<ClientFrame, { t: 'hello' }>;

/** A refusal during `hello`: Zoom's numeric code for the client, a close code for the socket. */
class HelloFailure extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
    readonly closeCode: number,
  ) {
    super(message);
  }
}

const ENVELOPE_PREFIX = `{"v":${PROTOCOL_VERSION},"seq":`;

class Conn {
  private seqOut = 0;
  readonly inbound = createSequenceGuard();
  state: 'hello' | 'authenticating' | 'open' | 'closed' = 'hello';
  queue: Envelope<ClientFrame>[] = [];
  alive = true;
  role: Role | undefined;
  session: LiveSession | undefined;
  agent: AgentSlot | undefined;
  helloTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly id: number,
  ) {}

  get open(): boolean {
    return this.state !== 'closed' && this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: ServerFrame): void {
    if (this.open) this.ws.send(encodeFrame(frame, ++this.seqOut));
  }

  /**
   * Sends a frame pre-serialised without its envelope (`"t":...}`), so one JSON body is shared by
   * every agent of a session. Yields exactly what `encodeFrame` would. A body already encoded to
   * UTF-8 is only copied behind the per-connection envelope: encoding a large batch once instead
   * of once per agent is most of a fan-out's CPU.
   */
  sendBody(body: string | Buffer): void {
    if (!this.open) return;
    const envelope = `${ENVELOPE_PREFIX}${++this.seqOut},`;
    if (typeof body === 'string') this.ws.send(envelope + body);
    else this.ws.send(Buffer.concat([Buffer.from(envelope), body]), { binary: false });
  }

  /** Sends a fatal `error` and closes; the client learns why before the socket goes. */
  fail(errorCode: number, errorMsg: string, closeCode: number): void {
    this.send({ t: 'error', errorCode, errorMsg, fatal: true });
    this.close(closeCode, errorMsg);
  }

  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.helloTimer);
    // A close reason is limited to 123 bytes; the full text went in the error frame.
    const short = Buffer.from(reason)
      .subarray(0, 120)
      .toString('utf8')
      .replace(/\uFFFD+$/, '');
    try {
      this.ws.close(code, short);
    } catch {
      this.ws.terminate();
    }
  }
}

interface AgentSlot {
  identity: WireAgent;
  resumeToken: string;
  conn: Conn | null;
  graceTimer: NodeJS.Timeout | undefined;
  lagging: boolean;
  lagTimer: NodeJS.Timeout | undefined;
  lagSince: number;
}

class LiveSession {
  customer: Conn | null = null;
  readonly agents = new Map<string, AgentSlot>();
  readonly checkpoint: Checkpoint;
  graceTimer: NodeJS.Timeout | undefined;
  waitTimer: NodeJS.Timeout | undefined;
  ended = false;
  lastOverflowRequest = Number.NEGATIVE_INFINITY;

  constructor(
    readonly record: SessionRecord,
    readonly customerResumeToken: string,
    options: ResolvedOptions,
  ) {
    this.checkpoint = new Checkpoint(options.checkpointMaxEvents, options.checkpointMaxBytes);
  }

  get id(): string {
    return this.record.sessionId;
  }

  presentAgents(): WireAgent[] {
    const out: WireAgent[] = [];
    for (const slot of this.agents.values()) if (slot.conn) out.push(slot.identity);
    return out;
  }

  broadcastToAgents(frame: ServerFrame): void {
    for (const slot of this.agents.values()) slot.conn?.send(frame);
  }
}

function secureToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function eventsBody(eventsJson: string, reset: boolean): string {
  return `"t":"events","events":${eventsJson}${reset ? ',"reset":true}' : '}'}`;
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Input of {@link Relay.createViewerTicket}. */
export interface ViewerTicketRequest {
  pinCode: unknown;
  sdkToken: unknown;
  hostOrigin?: string | undefined;
}

/** Result of {@link Relay.createViewerTicket}: a ticket, or a refusal with an HTTP status. */
export type ViewerTicketResult =
  | { ok: true; ticket: string; pin: string }
  | { ok: false; status: number; errorCode: number; errorMsg: string };

/**
 * Counters for `/healthz` and tests.
 *
 * @example
 * ```ts
 * const { sessions, connections, agents } = server.stats();
 * ```
 */
export interface RelayStats {
  sessions: number;
  connections: number;
  agents: number;
}

export class Relay {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, LiveSession>();
  private readonly conns = new Set<Conn>();
  private readonly keepalive: NodeJS.Timeout;
  private nextConnId = 1;
  private closing = false;

  constructor(
    private readonly options: ResolvedOptions,
    compression: boolean,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_FRAME_BYTES + PAYLOAD_SLACK,
      perMessageDeflate: compression
        ? { threshold: 1024, serverNoContextTakeover: true, clientNoContextTakeover: true }
        : false,
    });
    this.wss.on('connection', (ws: WebSocket) => this.onConnection(ws));
    this.keepalive = setInterval(() => this.sweep(), options.keepaliveMs);
    this.keepalive.unref();
  }

  /** Takes over an HTTP upgrade when it targets {@link WS_PATH}; returns whether it did. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH) return false;
    if (this.closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    return true;
  }

  stats(): RelayStats {
    let agents = 0;
    for (const s of this.sessions.values()) agents += s.presentAgents().length;
    return { sessions: this.sessions.size, connections: this.conns.size, agents };
  }

  /** Ends every session (`server_shutdown`) and closes every socket. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearInterval(this.keepalive);
    await Promise.all(
      [...this.sessions.values()].map((s) => this.endSession(s, 'server_shutdown')),
    );
    for (const conn of this.conns) conn.close(1001, 'server shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    // Sockets that ignore the close handshake must not keep the process alive.
    for (const conn of this.conns) conn.ws.terminate();
  }

  // ---- viewer tickets ------------------------------------------------------------------------

  /** Verifies an agent token and a live PIN, and issues a viewer ticket bound to that session. */
  async createViewerTicket(req: ViewerTicketRequest): Promise<ViewerTicketResult> {
    const { store, viewerTicketTtlMs } = this.options;
    if (typeof req.sdkToken !== 'string' || !req.sdkToken) {
      return {
        ok: false,
        status: 400,
        errorCode: 2001,
        errorMsg: 'sdkToken (an agent JWT) is required.',
      };
    }
    let claims: CobrowseTokenClaims;
    try {
      claims = await this.verify(req.sdkToken, 'agent');
    } catch (e) {
      if (e instanceof HelloFailure) {
        return {
          ok: false,
          status: e.closeCode === CloseCodes.FORBIDDEN ? 403 : 401,
          errorCode: 2001,
          errorMsg: e.message,
        };
      }
      throw e;
    }
    const v = validatePin(req.pinCode);
    if (!v.ok) return { ok: false, status: 400, errorCode: 1008, errorMsg: v.message };
    const sessionId = await store.lookupPin(claims.app_key, v.pin);
    const session = sessionId === undefined ? undefined : this.sessions.get(sessionId);
    if (!session || session.ended) {
      return { ok: false, status: 404, errorCode: 1006, errorMsg: pinNotFound(v.pin) };
    }
    const ticket = `${VIEWER_TICKET_PREFIX}${secureToken(32)}`;
    await store.putTicket(ticket, {
      sessionId: session.id,
      sdkKey: claims.app_key,
      pin: v.pin,
      userId: claims.user_id,
      userName: claims.user_name,
      ...(req.hostOrigin ? { hostOrigin: req.hostOrigin } : {}),
      expiresAt: Date.now() + viewerTicketTtlMs,
    });
    return { ok: true, ticket, pin: v.pin };
  }

  // ---- connections ---------------------------------------------------------------------------

  private onConnection(ws: WebSocket): void {
    const conn = new Conn(ws, this.nextConnId++);
    this.conns.add(conn);
    // An 'error' without a listener would throw and take the process down.
    ws.on('error', (err) =>
      this.options.logger.debug('socket error', { conn: conn.id, err: String(err) }),
    );
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    ws.on('close', () => this.onClose(conn));
    conn.helloTimer = setTimeout(() => {
      if (conn.state === 'hello') {
        conn.fail(
          RelayErrorCodes.HELLO_TIMEOUT,
          `No hello frame within ${this.options.helloTimeoutMs} ms; the first frame must be hello.`,
          CloseCodes.TIMEOUT,
        );
      }
    }, this.options.helloTimeoutMs);
  }

  private sweep(): void {
    for (const conn of this.conns) {
      if (!conn.alive) {
        this.options.logger.debug('terminating unresponsive socket', { conn: conn.id });
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      try {
        conn.ws.ping();
      } catch {
        conn.ws.terminate();
      }
    }
  }

  private protocolError(conn: Conn, reason: string): void {
    this.options.logger.debug('protocol error', { conn: conn.id, reason });
    conn.fail(RelayErrorCodes.MALFORMED, `Protocol error: ${reason}`, CloseCodes.MALFORMED);
  }

  private internalError(conn: Conn, err: unknown): void {
    this.options.logger.error('relay error', {
      conn: conn.id,
      err: err instanceof Error ? err.stack : String(err),
    });
    if (conn.state === 'closed') return;
    conn.fail(
      conn.role === 'agent' ? 1011 : 1001,
      'The relay hit an internal error. Try again; if it persists, check the relay logs.',
      1011,
    );
  }

  private onMessage(conn: Conn, data: RawData, isBinary: boolean): void {
    try {
      if (conn.state === 'closed') return;
      conn.alive = true;
      if (isBinary) {
        this.protocolError(conn, 'binary frames are not accepted; send JSON text frames.');
        return;
      }
      const parsed = parseClientFrame(rawText(data));
      if (!parsed.ok) {
        this.protocolError(conn, parsed.reason);
        return;
      }
      const frame = parsed.frame;
      const expected = conn.inbound.last + 1;
      if (!conn.inbound.accept(frame.seq)) {
        this.protocolError(conn, `seq ${frame.seq} out of order (expected ${expected}).`);
        return;
      }
      this.dispatch(conn, frame);
    } catch (err) {
      this.internalError(conn, err);
    }
  }

  private dispatch(conn: Conn, frame: Envelope<ClientFrame>): void {
    switch (conn.state) {
      case 'hello':
        if (frame.t !== 'hello') {
          this.protocolError(conn, `the first frame must be hello, not ${frame.t}.`);
          return;
        }
        clearTimeout(conn.helloTimer);
        conn.state = 'authenticating';
        this.hello(conn, frame).catch((err) => this.internalError(conn, err));
        return;
      case 'authenticating':
        if (conn.queue.length >= MAX_QUEUED_BEFORE_WELCOME) {
          this.protocolError(conn, 'too many frames before welcome; wait for welcome.');
          return;
        }
        conn.queue.push(frame);
        return;
      case 'open':
        this.handleOpenFrame(conn, frame);
        return;
      default:
        return;
    }
  }

  private handleOpenFrame(conn: Conn, frame: Envelope<ClientFrame>): void {
    const session = conn.session;
    if (frame.t === 'hello') {
      this.protocolError(conn, 'hello was already received on this connection.');
      return;
    }
    if (frame.t === 'ping') {
      conn.send({ t: 'pong', at: frame.at });
      return;
    }
    if (!session || session.ended) return;
    if (conn.role === 'customer') {
      switch (frame.t) {
        case 'events':
          this.customerEvents(
            session,
            frame.events.length,
            JSON.stringify(frame.events),
            frame.full === true,
          );
          return;
        case 'signal': {
          const out: ServerFrame = {
            t: 'signal',
            kind: frame.kind,
            data: frame.data,
            from: session.record.customer,
          };
          session.broadcastToAgents(out);
          return;
        }
        case 'end':
        case 'leave':
          void this.endSession(session, 'ended_by_customer');
          return;
      }
      return;
    }
    const slot = conn.agent;
    if (!slot) return;
    switch (frame.t) {
      case 'signal':
        session.customer?.send({
          t: 'signal',
          kind: frame.kind,
          data: frame.data,
          from: slot.identity,
        });
        return;
      case 'leave':
        this.agentLeft(session, slot, conn);
        return;
      case 'end':
        void this.endSession(session, 'ended_by_agent');
        return;
      case 'events':
        this.protocolError(conn, 'only the customer sends events.');
        return;
    }
  }

  private onClose(conn: Conn): void {
    conn.state = 'closed';
    clearTimeout(conn.helloTimer);
    this.conns.delete(conn);
    // Membership, not how the socket closed, decides: a socket we closed for a protocol error
    // still leaves its session in the grace window; a replaced or departed one was detached.
    const session = conn.session;
    if (!session || session.ended) return;
    if (conn.role === 'customer' && session.customer === conn) this.customerDropped(session);
    if (conn.role === 'agent' && conn.agent?.conn === conn) this.agentDropped(session, conn.agent);
  }

  // ---- hello ---------------------------------------------------------------------------------

  private async hello(conn: Conn, frame: Envelope<HelloFrame>): Promise<void> {
    try {
      if (frame.role === 'customer' && frame.action === 'start')
        await this.customerStart(conn, frame);
      else if (frame.role === 'customer' && frame.action === 'resume')
        this.customerResume(conn, frame);
      else if (frame.role === 'agent' && frame.action === 'join') await this.agentJoin(conn, frame);
      else if (frame.role === 'agent' && frame.action === 'resume') this.agentResume(conn, frame);
    } catch (err) {
      if (err instanceof HelloFailure) {
        this.options.logger.debug('hello refused', {
          conn: conn.id,
          code: err.errorCode,
          msg: err.message,
        });
        conn.fail(err.errorCode, err.message, err.closeCode);
        return;
      }
      throw err;
    }
    if (conn.state !== 'open') return;
    // Frames that raced the welcome are handled now, in the order they arrived.
    const queued = conn.queue;
    conn.queue = [];
    for (const f of queued) {
      if (conn.state !== 'open') return;
      this.handleOpenFrame(conn, f);
    }
  }

  /** Verifies a JWT against the secret of its own `app_key`, for the expected role. */
  private async verify(token: string, role: Role): Promise<CobrowseTokenClaims> {
    let appKey: string;
    try {
      appKey = decodeToken(token).app_key;
    } catch (e) {
      throw new HelloFailure(2001, tokenMessage(e), CloseCodes.UNAUTHORIZED);
    }
    const secret = this.options.credentials.get(appKey);
    if (secret === undefined) {
      throw new HelloFailure(
        2001,
        `Unknown SDK key "${appKey.slice(0, 64)}": this relay has no secret for it. Mint the token with an SDK key the relay is configured with.`,
        CloseCodes.UNAUTHORIZED,
      );
    }
    try {
      return await verifyToken(token, secret, {
        role,
        sdkKey: appKey,
        ...(this.options.clockToleranceSeconds === undefined
          ? {}
          : { clockToleranceSeconds: this.options.clockToleranceSeconds }),
      });
    } catch (e) {
      if (e instanceof CobrowseError && e.code === 'TOKEN_ROLE_MISMATCH') {
        throw new HelloFailure(2001, `Role mismatch: ${e.message}`, CloseCodes.FORBIDDEN);
      }
      throw new HelloFailure(2001, tokenMessage(e), CloseCodes.UNAUTHORIZED);
    }
  }

  private async customerStart(
    conn: Conn,
    frame: Extract<HelloFrame, { role: 'customer'; action: 'start' }>,
  ): Promise<void> {
    const { store } = this.options;
    const claims = await this.verify(frame.token, 'customer');
    const sdkKey = claims.app_key;
    const sessionId = randomUUID();
    let pin: string | undefined;
    if (frame.pin !== undefined) {
      if (claims.enable_byop !== 1) {
        throw new HelloFailure(
          1001,
          'A custom PIN needs a customer token with enable_byop: 1. Mint the token with enable_byop: 1 (buildTokenClaims({ ..., byop: true })), or start without a PIN to get a generated one.',
          CloseCodes.FORBIDDEN,
        );
      }
      const v = validatePin(frame.pin);
      if (!v.ok) throw new HelloFailure(1008, v.message, CloseCodes.MALFORMED);
      if (!(await store.reservePin(sdkKey, v.pin, sessionId))) {
        throw new HelloFailure(
          1010,
          `PIN ${v.pin} is already used by a live session. Choose a different PIN, or leave it empty to get a generated one.`,
          CloseCodes.CONFLICT,
        );
      }
      pin = v.pin;
    } else {
      for (let i = 0; i < PIN_ATTEMPTS && pin === undefined; i++) {
        const candidate = generatePin();
        if (await store.reservePin(sdkKey, candidate, sessionId)) pin = candidate;
      }
      if (pin === undefined) {
        throw new HelloFailure(
          1004,
          'No free PIN could be generated; try again later.',
          CloseCodes.LIMIT,
        );
      }
    }
    const record: SessionRecord = {
      sessionId,
      sdkKey,
      pin,
      createdAt: Date.now(),
      customer: { userId: claims.user_id, userName: claims.user_name },
    };
    try {
      await store.putSession(record);
    } catch (err) {
      await store.releasePin(sdkKey, pin, sessionId).catch(() => {});
      throw err;
    }
    if (conn.state === 'closed' || this.closing) {
      // The socket went away while we were reserving: nobody will ever see this PIN.
      await Promise.all([store.releasePin(sdkKey, pin, sessionId), store.deleteSession(sessionId)]);
      return;
    }
    const resumeToken = secureToken();
    const session = new LiveSession(record, resumeToken, this.options);
    this.sessions.set(sessionId, session);
    session.customer = conn;
    conn.state = 'open';
    conn.role = 'customer';
    conn.session = session;
    this.options.logger.info('session started', {
      sessionId,
      sdkKey,
      pin,
      custom: frame.pin !== undefined,
    });
    conn.send({
      t: 'welcome',
      role: 'customer',
      sessionId,
      pin,
      resumeToken,
      agents: [],
      graceMs: this.options.reconnectGraceMs,
    });
  }

  private customerResume(
    conn: Conn,
    frame: Extract<HelloFrame, { role: 'customer'; action: 'resume' }>,
  ): void {
    const session = this.sessions.get(frame.sessionId);
    if (!session || session.ended || !safeEqual(frame.resumeToken, session.customerResumeToken)) {
      throw new HelloFailure(
        1011,
        'This session can no longer be resumed: it ended or its grace window passed. Start a new session.',
        CloseCodes.NOT_FOUND,
      );
    }
    const previous = session.customer;
    if (previous) {
      // A half-open socket from before the reload: the resuming one is the real customer.
      previous.session = undefined;
      // The close code alone says "replaced": an error frame would read as a failure to the sdk.
      previous.close(CloseCodes.REPLACED, 'replaced by a newer connection of the same customer');
    }
    clearTimeout(session.graceTimer);
    session.graceTimer = undefined;
    session.customer = conn;
    conn.state = 'open';
    conn.role = 'customer';
    conn.session = session;
    this.updateWaitTimer(session);
    conn.send({
      t: 'welcome',
      role: 'customer',
      sessionId: session.id,
      pin: session.record.pin,
      resumeToken: session.customerResumeToken,
      agents: session.presentAgents(),
      graceMs: this.options.reconnectGraceMs,
    });
    session.broadcastToAgents({ t: 'customer_status', status: 'connected' });
    if (session.presentAgents().length > 0) conn.send({ t: 'snapshot_request', reason: 'resume' });
  }

  private async agentJoin(
    conn: Conn,
    frame: Extract<HelloFrame, { role: 'agent'; action: 'join' }>,
  ): Promise<void> {
    const { store } = this.options;
    let identity: WireAgent;
    let sdkKey: string;
    let ticketSession: string | undefined;
    let ticketPin: string | undefined;
    if (frame.token.startsWith(VIEWER_TICKET_PREFIX)) {
      const ticket = await store.getTicket(frame.token);
      if (!ticket) {
        throw new HelloFailure(
          2001,
          'The viewer ticket is unknown or expired (tickets last 5 minutes). Ask for a new agentViewerUrl.',
          CloseCodes.UNAUTHORIZED,
        );
      }
      identity = { userId: ticket.userId, userName: ticket.userName };
      sdkKey = ticket.sdkKey;
      ticketSession = ticket.sessionId;
      ticketPin = ticket.pin;
    } else {
      const claims = await this.verify(frame.token, 'agent');
      identity = { userId: claims.user_id, userName: claims.user_name };
      sdkKey = claims.app_key;
    }
    const v = validatePin(frame.pin);
    if (!v.ok) throw new HelloFailure(1008, v.message, CloseCodes.MALFORMED);
    if (ticketPin !== undefined && ticketPin !== v.pin) {
      throw new HelloFailure(
        2001,
        `This viewer ticket was issued for PIN ${ticketPin}, not ${v.pin}.`,
        CloseCodes.UNAUTHORIZED,
      );
    }
    const sessionId = await store.lookupPin(sdkKey, v.pin);
    const session = sessionId === undefined ? undefined : this.sessions.get(sessionId);
    if (!session || session.ended)
      throw new HelloFailure(1006, pinNotFound(v.pin), CloseCodes.NOT_FOUND);
    if (ticketSession !== undefined && ticketSession !== session.id) {
      throw new HelloFailure(
        2001,
        'This viewer ticket belongs to a session that has ended. Ask for a new agentViewerUrl.',
        CloseCodes.UNAUTHORIZED,
      );
    }
    if (conn.state === 'closed') return;
    this.attachAgent(conn, session, identity, undefined);
  }

  private agentResume(
    conn: Conn,
    frame: Extract<HelloFrame, { role: 'agent'; action: 'resume' }>,
  ): void {
    const session = this.sessions.get(frame.sessionId);
    let slot: AgentSlot | undefined;
    if (session && !session.ended) {
      for (const s of session.agents.values()) {
        if (safeEqual(frame.resumeToken, s.resumeToken)) slot = s;
      }
    }
    if (!session || !slot) {
      throw new HelloFailure(
        1011,
        'This agent session can no longer be resumed: it ended, you left, or the grace window passed. Join again with the PIN.',
        CloseCodes.NOT_FOUND,
      );
    }
    this.attachAgent(conn, session, slot.identity, slot);
  }

  private attachAgent(
    conn: Conn,
    session: LiveSession,
    identity: WireAgent,
    resuming: AgentSlot | undefined,
  ): void {
    let slot = session.agents.get(identity.userId);
    const wasPresent = slot?.conn != null;
    // A replacement keeps the count; a new or returning agent must fit under the limit.
    if (!wasPresent && session.presentAgents().length >= this.options.maxAgentsPerSession) {
      throw new HelloFailure(
        1013,
        `This session already has ${this.options.maxAgentsPerSession} agents, the maximum. Ask another agent to leave first.`,
        CloseCodes.LIMIT,
      );
    }
    if (slot) {
      // One connection per agent user_id: the newest wins (reloads and re-mounted viewers
      // arrive before the old socket's close); the old one is closed with 4001 REPLACED.
      const old = slot.conn;
      if (old) {
        old.session = undefined;
        old.agent = undefined;
        old.close(
          CloseCodes.REPLACED,
          'replaced by a newer connection of the same agent (user_id)',
        );
      }
      clearTimeout(slot.graceTimer);
      slot.graceTimer = undefined;
      this.stopLagging(slot);
      slot.identity = identity;
      if (!resuming) slot.resumeToken = secureToken();
    } else {
      slot = {
        identity,
        resumeToken: secureToken(),
        conn: null,
        graceTimer: undefined,
        lagging: false,
        lagTimer: undefined,
        lagSince: 0,
      };
      session.agents.set(identity.userId, slot);
    }
    slot.conn = conn;
    conn.state = 'open';
    conn.role = 'agent';
    conn.session = session;
    conn.agent = slot;
    const agents = session.presentAgents();
    conn.send({
      t: 'welcome',
      role: 'agent',
      sessionId: session.id,
      pin: session.record.pin,
      resumeToken: slot.resumeToken,
      agents,
      graceMs: this.options.reconnectGraceMs,
    });
    conn.send({ t: 'customer_status', status: session.customer ? 'connected' : 'reconnecting' });
    if (session.checkpoint.usable) conn.sendBody(eventsBody(session.checkpoint.toJson(), true));
    if (!wasPresent) {
      session.customer?.send({ t: 'agent_joined', agent: identity, agentCount: agents.length });
    }
    // The checkpoint is the last full snapshot plus every event since, so it is already the
    // current page: asking the customer for another full snapshot would make every agent (this
    // one included) rebuild its view a second time. Only without a usable checkpoint do we ask.
    if (!session.checkpoint.usable) {
      session.customer?.send({ t: 'snapshot_request', reason: 'agent_joined' });
    }
    this.updateWaitTimer(session);
    this.options.logger.info('agent joined', { sessionId: session.id, userId: identity.userId });
  }

  // ---- live traffic --------------------------------------------------------------------------

  private customerEvents(session: LiveSession, count: number, json: string, full: boolean): void {
    const outcome = session.checkpoint.add(json, count, full);
    // When the page's snapshot alone fills half the budget, a new one would overflow again at
    // once: asking for it would only make the customer re-serialise the page every few seconds.
    // The checkpoint then stays empty; a joining or lagging agent asks for a snapshot of its own.
    const roomy = session.checkpoint.baseChars * 2 <= this.options.checkpointMaxBytes;
    if (outcome === 'overflow' && roomy) {
      const now = Date.now();
      if (now - session.lastOverflowRequest >= OVERFLOW_SNAPSHOT_MIN_INTERVAL_MS) {
        session.lastOverflowRequest = now;
        session.customer?.send({ t: 'snapshot_request', reason: 'checkpoint_overflow' });
      }
    }
    // A full batch starts a new view: agents discard theirs (`reset`), exactly as when they join.
    // Encoded once for every agent (see sendBody), and only when there is one to send it to.
    let encoded: Buffer | undefined;
    const body = () => (encoded ??= Buffer.from(eventsBody(json, full)));
    for (const slot of session.agents.values()) {
      const conn = slot.conn;
      if (!conn) continue;
      if (slot.lagging) {
        if (full && conn.ws.bufferedAmount <= this.lowWater) {
          this.stopLagging(slot);
          conn.sendBody(body());
        }
        continue;
      }
      if (conn.ws.bufferedAmount > this.options.agentMaxBufferedBytes) {
        this.startLagging(session, slot);
        continue;
      }
      conn.sendBody(body());
    }
  }

  private get lowWater(): number {
    return this.options.agentMaxBufferedBytes / 4;
  }

  /**
   * A slow agent stops receiving live events (memory stays bounded) and is resynced from the
   * checkpoint, or the next full batch, once its socket has drained.
   */
  private startLagging(session: LiveSession, slot: AgentSlot): void {
    slot.lagging = true;
    slot.lagSince = Date.now();
    this.options.logger.warn('agent is lagging; pausing live events until it drains', {
      sessionId: session.id,
      userId: slot.identity.userId,
    });
    let asked = false;
    slot.lagTimer = setInterval(() => {
      const conn = slot.conn;
      if (!conn || session.ended) {
        this.stopLagging(slot);
        return;
      }
      if (conn.ws.bufferedAmount > this.lowWater) {
        if (Date.now() - slot.lagSince > LAG_GIVE_UP_MS) {
          this.stopLagging(slot);
          conn.ws.terminate();
        }
        return;
      }
      if (session.checkpoint.usable) {
        this.stopLagging(slot);
        conn.sendBody(eventsBody(session.checkpoint.toJson(), true));
      } else if (!asked) {
        // No checkpoint to resync from: the next full batch will do (see customerEvents).
        asked = true;
        session.customer?.send({ t: 'snapshot_request', reason: 'agent_lagging' });
      }
    }, LAG_POLL_MS);
    slot.lagTimer.unref();
  }

  private stopLagging(slot: AgentSlot): void {
    slot.lagging = false;
    clearInterval(slot.lagTimer);
    slot.lagTimer = undefined;
  }

  // ---- departures and timers -----------------------------------------------------------------

  private customerDropped(session: LiveSession): void {
    session.customer = null;
    session.broadcastToAgents({ t: 'customer_status', status: 'reconnecting' });
    clearTimeout(session.graceTimer);
    session.graceTimer = setTimeout(
      () => void this.endSession(session, 'timeout'),
      this.options.reconnectGraceMs,
    );
    session.graceTimer.unref();
    this.updateWaitTimer(session);
  }

  private agentDropped(session: LiveSession, slot: AgentSlot): void {
    slot.conn = null;
    this.stopLagging(slot);
    session.customer?.send({
      t: 'agent_left',
      agent: slot.identity,
      agentCount: session.presentAgents().length,
    });
    slot.graceTimer = setTimeout(() => {
      if (!slot.conn && session.agents.get(slot.identity.userId) === slot) {
        session.agents.delete(slot.identity.userId);
      }
    }, this.options.reconnectGraceMs);
    slot.graceTimer.unref();
    this.updateWaitTimer(session);
  }

  private agentLeft(session: LiveSession, slot: AgentSlot, conn: Conn): void {
    clearTimeout(slot.graceTimer);
    this.stopLagging(slot);
    session.agents.delete(slot.identity.userId);
    slot.conn = null;
    conn.session = undefined;
    conn.agent = undefined;
    conn.close(CloseCodes.NORMAL, 'left');
    session.customer?.send({
      t: 'agent_left',
      agent: slot.identity,
      agentCount: session.presentAgents().length,
    });
    this.updateWaitTimer(session);
  }

  /** Agents waiting on an absent customer give up after `agentWaitMs`. */
  private updateWaitTimer(session: LiveSession): void {
    const waiting = !session.customer && session.presentAgents().length > 0;
    if (waiting && !session.waitTimer) {
      session.waitTimer = setTimeout(
        () => void this.endSession(session, 'timeout'),
        this.options.agentWaitMs,
      );
      session.waitTimer.unref();
    } else if (!waiting && session.waitTimer) {
      clearTimeout(session.waitTimer);
      session.waitTimer = undefined;
    }
  }

  private async endSession(session: LiveSession, reason: string): Promise<void> {
    if (session.ended) return;
    session.ended = true;
    clearTimeout(session.graceTimer);
    clearTimeout(session.waitTimer);
    this.sessions.delete(session.id);
    const conns: Conn[] = [];
    if (session.customer) conns.push(session.customer);
    for (const slot of session.agents.values()) {
      clearTimeout(slot.graceTimer);
      this.stopLagging(slot);
      if (slot.conn) conns.push(slot.conn);
    }
    session.customer = null;
    session.agents.clear();
    session.checkpoint.clear();
    for (const conn of conns) {
      conn.session = undefined;
      conn.agent = undefined;
      conn.send({ t: 'session_ended', reason });
      conn.close(CloseCodes.SESSION_ENDED, reason);
    }
    const { record } = session;
    this.options.logger.info('session ended', { sessionId: session.id, reason });
    try {
      await Promise.all([
        this.options.store.releasePin(record.sdkKey, record.pin, record.sessionId),
        this.options.store.deleteSession(record.sessionId),
      ]);
    } catch (err) {
      this.options.logger.error('could not release a session in the store', {
        sessionId: session.id,
        err: String(err),
      });
    }
  }
}

function pinNotFound(pin: string): string {
  return `No live session has PIN ${pin}. Ask the customer to read the PIN again; it is only valid while their session is running.`;
}

function tokenMessage(e: unknown): string {
  if (e instanceof CobrowseError) return `Token refused (${e.code}): ${e.message}`;
  return 'Token refused. Mint a fresh token with the right SDK key, secret and role_type.';
}
