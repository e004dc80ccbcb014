/**
 * The one wire protocol between `@cobrowse-kit/sdk` and `@cobrowse-kit/server`.
 *
 * Every frame is a JSON text message `{ v, seq, t, ...payload }`: `v` is {@link PROTOCOL_VERSION},
 * `seq` counts frames per direction per connection from 1 (the receiver refuses gaps and
 * repeats), `t` names the frame. Both ends validate every inbound frame with {@link parseClientFrame}
 * / {@link parseServerFrame}; nothing else decides what a valid frame is.
 *
 * @example
 * ```ts
 * import { encodeFrame, parseServerFrame } from '@cobrowse-kit/sdk/protocol';
 * ws.send(encodeFrame({ t: 'hello', role: 'agent', action: 'join', token, pin: 'AB12' }, 1));
 * ws.onmessage = (m) => { const r = parseServerFrame(m.data); if (r.ok) handle(r.frame); };
 * ```
 * @module
 */

/** Version of the wire protocol; bumped on any incompatible change. */
export const PROTOCOL_VERSION = 1;

/** The WebSocket path on the relay. */
export const WS_PATH = '/cobrowse/ws';

/** Largest frame the relay accepts (bytes). Big DOMs are chunked by the sender below this. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/** WebSocket close codes the relay uses (4000–4999 is the application range). */
export const CloseCodes = {
  NORMAL: 1000,
  MALFORMED: 4400,
  UNAUTHORIZED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  TIMEOUT: 4408,
  CONFLICT: 4409,
  PROTOCOL_VERSION: 4426,
  LIMIT: 4429,
  SESSION_ENDED: 4000,
  REPLACED: 4001,
} as const;

/** A recorded DOM event (rrweb's `eventWithTime`, kept opaque on the wire). */
export interface WireEvent {
  type: number;
  timestamp: number;
  data: unknown;
  [key: string]: unknown;
}

/** An agent as the customer sees it. */
export interface WireAgent {
  userId: string;
  userName: string;
}

/** Frames a client (customer or agent page) sends. */
export type ClientFrame =
  | {
      t: 'hello';
      role: 'customer';
      action: 'start';
      token: string;
      /** Custom PIN (BYOP); omitted for a generated one. */
      pin?: string;
    }
  | {
      t: 'hello';
      role: 'customer';
      action: 'resume';
      token?: string;
      sessionId: string;
      resumeToken: string;
    }
  | { t: 'hello'; role: 'agent'; action: 'join'; token: string; pin: string }
  | {
      t: 'hello';
      role: 'agent';
      action: 'resume';
      sessionId: string;
      resumeToken: string;
    }
  /** Customer → relay: recorded events. `full` marks a batch that starts with a full snapshot. */
  | { t: 'events'; events: WireEvent[]; full?: boolean }
  /** Agent → relay → customer: cursor, annotation, remote-assist requests. */
  | { t: 'signal'; kind: string; data: unknown }
  | { t: 'end' }
  | { t: 'leave' }
  | { t: 'ping'; at: number };

/** Frames the relay sends. */
export type ServerFrame =
  | {
      t: 'welcome';
      role: 'customer' | 'agent';
      sessionId: string;
      pin: string;
      /** Secret that lets this client resume after a reload inside the grace window. */
      resumeToken: string;
      agents: WireAgent[];
      graceMs: number;
    }
  | { t: 'error'; errorCode: number; errorMsg: string; fatal: boolean }
  | { t: 'agent_joined'; agent: WireAgent; agentCount: number }
  | { t: 'agent_left'; agent: WireAgent; agentCount: number }
  /** Relay → agent: events to apply; `reset` means "discard your view, this starts a full snapshot". */
  | { t: 'events'; events: WireEvent[]; reset?: boolean }
  /** Relay → customer: send a fresh full snapshot (a new or lagging agent, or a gap). */
  | { t: 'snapshot_request'; reason: string }
  | { t: 'customer_status'; status: 'connected' | 'reconnecting' }
  | { t: 'signal'; kind: string; data: unknown; from: WireAgent }
  | { t: 'session_ended'; reason: string }
  | { t: 'pong'; at: number };

/** A frame of either direction with its envelope. */
export type Envelope<F> = F & { v: number; seq: number };

/** Result of parsing a frame. */
export type ParseResult<F> = { ok: true; frame: Envelope<F> } | { ok: false; reason: string };

/**
 * Serialises a frame with its envelope.
 *
 * @example
 * ```ts
 * ws.send(encodeFrame({ t: 'ping', at: Date.now() }, nextSeq++));
 * ```
 */
export function encodeFrame<F extends ClientFrame | ServerFrame>(frame: F, seq: number): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, seq, ...frame });
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown, max = 4096): x is string => typeof x === 'string' && x.length <= max;
const isNonEmptyStr = (x: unknown, max = 4096): x is string => isStr(x, max) && x.length > 0;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isAgent = (x: unknown): x is WireAgent =>
  isObj(x) && isStr(x.userId, 256) && isStr(x.userName, 256);
const isEvent = (x: unknown): x is WireEvent =>
  isObj(x) && Number.isInteger(x.type) && isNum(x.timestamp) && 'data' in x;
const isEvents = (x: unknown): x is WireEvent[] => Array.isArray(x) && x.every(isEvent);

function envelope(raw: unknown): ParseResult<{ t: string } & Obj> {
  let data: unknown = raw;
  if (typeof raw !== 'string') {
    if (raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)) {
      data = new TextDecoder().decode(raw as ArrayBuffer);
    } else {
      return { ok: false, reason: 'frame is not text' };
    }
  }
  const text = data as string;
  if (text.length > MAX_FRAME_BYTES) return { ok: false, reason: 'frame too large' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'frame is not JSON' };
  }
  if (!isObj(parsed)) return { ok: false, reason: 'frame is not an object' };
  if (parsed.v !== PROTOCOL_VERSION) {
    return { ok: false, reason: `protocol version ${String(parsed.v)} is not ${PROTOCOL_VERSION}` };
  }
  if (!Number.isSafeInteger(parsed.seq) || (parsed.seq as number) < 1) {
    return { ok: false, reason: 'seq must be a positive integer' };
  }
  if (!isNonEmptyStr(parsed.t, 64)) return { ok: false, reason: 't must name the frame' };
  return { ok: true, frame: parsed as Envelope<{ t: string } & Obj> };
}

/**
 * Validates a frame a client sent (the relay's side). Never throws.
 *
 * @example
 * ```ts
 * const r = parseClientFrame(data);
 * if (!r.ok) ws.close(CloseCodes.MALFORMED, r.reason);
 * ```
 */
export function parseClientFrame(raw: unknown): ParseResult<ClientFrame> {
  const e = envelope(raw);
  if (!e.ok) return e;
  const f = e.frame;
  const bad = (why: string): ParseResult<ClientFrame> => ({ ok: false, reason: `${f.t}: ${why}` });
  switch (f.t) {
    case 'hello': {
      if (f.role === 'customer' && f.action === 'start') {
        if (!isNonEmptyStr(f.token, 8192)) return bad('token required');
        if (f.pin !== undefined && !isStr(f.pin, 64)) return bad('pin must be a string');
        break;
      }
      if (f.role === 'customer' && f.action === 'resume') {
        if (f.token !== undefined && !isStr(f.token, 8192)) return bad('token must be a string');
        if (!isNonEmptyStr(f.sessionId, 128) || !isNonEmptyStr(f.resumeToken, 256)) {
          return bad('sessionId and resumeToken required');
        }
        break;
      }
      if (f.role === 'agent' && f.action === 'join') {
        if (!isNonEmptyStr(f.token, 8192)) return bad('token required');
        if (!isStr(f.pin, 64)) return bad('pin required');
        break;
      }
      if (f.role === 'agent' && f.action === 'resume') {
        if (!isNonEmptyStr(f.sessionId, 128) || !isNonEmptyStr(f.resumeToken, 256)) {
          return bad('sessionId and resumeToken required');
        }
        break;
      }
      return bad('unknown role/action');
    }
    case 'events':
      if (!isEvents(f.events)) return bad('events must be an array of recorded events');
      if (f.full !== undefined && typeof f.full !== 'boolean') return bad('full must be boolean');
      break;
    case 'signal':
      if (!isNonEmptyStr(f.kind, 64)) return bad('kind required');
      break;
    case 'ping':
      if (!isNum(f.at)) return bad('at must be a number');
      break;
    case 'end':
    case 'leave':
      break;
    default:
      return bad('unknown frame type');
  }
  return { ok: true, frame: f as unknown as Envelope<ClientFrame> };
}

/**
 * Validates a frame the relay sent (the SDK's side). Never throws.
 *
 * @example
 * ```ts
 * const r = parseServerFrame(message.data);
 * if (r.ok && r.frame.t === 'events') mirror.apply(r.frame.events);
 * ```
 */
export function parseServerFrame(raw: unknown): ParseResult<ServerFrame> {
  const e = envelope(raw);
  if (!e.ok) return e;
  const f = e.frame;
  const bad = (why: string): ParseResult<ServerFrame> => ({ ok: false, reason: `${f.t}: ${why}` });
  switch (f.t) {
    case 'welcome':
      if (f.role !== 'customer' && f.role !== 'agent') return bad('role');
      if (
        !isNonEmptyStr(f.sessionId) ||
        !isNonEmptyStr(f.pin, 16) ||
        !isNonEmptyStr(f.resumeToken)
      ) {
        return bad('sessionId, pin and resumeToken required');
      }
      if (!Array.isArray(f.agents) || !f.agents.every(isAgent)) return bad('agents');
      if (!isNum(f.graceMs)) return bad('graceMs');
      break;
    case 'error':
      if (!isNum(f.errorCode) || !isStr(f.errorMsg) || typeof f.fatal !== 'boolean')
        return bad('shape');
      break;
    case 'agent_joined':
    case 'agent_left':
      if (!isAgent(f.agent) || !isNum(f.agentCount)) return bad('agent and agentCount required');
      break;
    case 'events':
      if (!isEvents(f.events)) return bad('events');
      break;
    case 'snapshot_request':
      if (!isStr(f.reason)) return bad('reason');
      break;
    case 'customer_status':
      if (f.status !== 'connected' && f.status !== 'reconnecting') return bad('status');
      break;
    case 'signal':
      if (!isNonEmptyStr(f.kind, 64) || !isAgent(f.from)) return bad('kind and from required');
      break;
    case 'session_ended':
      if (!isStr(f.reason)) return bad('reason');
      break;
    case 'pong':
      if (!isNum(f.at)) return bad('at');
      break;
    default:
      return bad('unknown frame type');
  }
  return { ok: true, frame: f as unknown as Envelope<ServerFrame> };
}

/**
 * Tracks the inbound sequence of one connection: accepts `expected`, refuses gaps and repeats.
 *
 * @example
 * ```ts
 * const seq = createSequenceGuard();
 * if (!seq.accept(frame.seq)) resync();
 * ```
 */
export function createSequenceGuard(): { accept(seq: number): boolean; readonly last: number } {
  let last = 0;
  return {
    accept(seq: number) {
      if (seq !== last + 1) return false;
      last = seq;
      return true;
    },
    get last() {
      return last;
    },
  };
}
