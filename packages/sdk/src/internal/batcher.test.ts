import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireEvent } from '../protocol/index';
import { type Batch, createBatcher, splitBatch } from './batcher';

const e = (type: number, size = 0): WireEvent => ({
  type,
  timestamp: 1,
  data: { s: 'x'.repeat(size) },
});
const META = 4;
const FULL = 2;
const INC = 3;

describe('createBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (maxFrameBytes = 1_000_000) => {
    const sent: Batch[] = [];
    const b = createBatcher({
      send: (x) => {
        sent.push(x);
        return 'sent';
      },
      maxFrameBytes,
    });
    return { b, sent };
  };

  it('sends the events of one interval as one batch', () => {
    const { b, sent } = setup();
    b.push(e(INC));
    b.push(e(INC));
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(16);
    expect(sent).toEqual([{ events: [e(INC), e(INC)], full: false }]);
  });

  it('starts a new batch at a Meta event and marks Meta + FullSnapshot batches full', () => {
    const { b, sent } = setup();
    b.push(e(INC));
    b.push(e(META));
    b.push(e(FULL));
    b.push(e(INC));
    vi.advanceTimersByTime(16);
    expect(sent.map((x) => [x.events.map((y) => y.type), x.full])).toEqual([
      [[INC], false],
      [[META, FULL, INC], true],
    ]);
  });

  it('drops batches while congested, checking once per batch (never between split parts)', () => {
    let congested = true;
    const checks = vi.fn(() => congested);
    const sent: Batch[] = [];
    const dropped = vi.fn();
    const b = createBatcher({
      send: (x) => {
        if (JSON.stringify(x).length > 400) return 'too_large';
        sent.push(x);
        // Sending the parts backs the socket up again: must not cut a full snapshot in half.
        congested = true;
        return 'sent';
      },
      maxFrameBytes: 500,
      congested: checks,
      onDropped: dropped,
    });
    b.push(e(INC));
    b.flush();
    expect(sent).toEqual([]);
    expect(dropped).toHaveBeenCalledTimes(1);
    congested = false;
    b.push(e(META));
    b.push(e(FULL, 200));
    b.push(e(INC, 200));
    b.flush();
    expect(sent.map((x) => [x.events.map((y) => y.type), x.full])).toEqual([
      [[META, FULL], true],
      [[INC], false],
    ]);
    expect(checks).toHaveBeenCalledTimes(2);
    expect(dropped).toHaveBeenCalledTimes(1);
  });

  it('does not mark a lone Meta (viewport change) as full', () => {
    const { b, sent } = setup();
    b.push(e(META));
    b.flush();
    expect(sent[0]?.full).toBe(false);
  });

  it('clear() drops pending events', () => {
    const { b, sent } = setup();
    b.push(e(INC));
    b.clear();
    vi.advanceTimersByTime(50);
    expect(sent).toHaveLength(0);
  });

  it('splits a batch the link refuses as too large', () => {
    const sent: Batch[] = [];
    const b = createBatcher({
      send: (x) => {
        if (JSON.stringify(x).length > 700) return 'too_large';
        sent.push(x);
        return 'sent';
      },
      maxFrameBytes: 700,
    });
    b.push(e(META));
    b.push(e(FULL, 300));
    b.push(e(INC, 300));
    b.push(e(INC, 300));
    b.flush();
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.flatMap((x) => x.events.map((y) => y.type))).toEqual([META, FULL, INC, INC]);
    expect(sent.map((x) => x.full)).toEqual([true, ...sent.slice(1).map(() => false)]);
  });
});

describe('splitBatch', () => {
  it('keeps every chunk under the limit, in order, full only on the first', () => {
    const events = [e(META), e(FULL, 400), ...Array.from({ length: 10 }, () => e(INC, 100))];
    const parts = splitBatch({ events, full: true }, 1000);
    for (const p of parts)
      expect(JSON.stringify({ v: 1, seq: 99999, t: 'events', ...p }).length).toBeLessThanOrEqual(
        1000,
      );
    expect(parts.flatMap((p) => p.events)).toEqual(events);
    expect(parts.map((p) => p.full)).toEqual(parts.map((_, i) => i === 0));
  });

  it('counts UTF-8 bytes, not characters', () => {
    const events = [e(INC), { type: INC, timestamp: 1, data: '€'.repeat(165) }, e(INC)];
    const parts = splitBatch({ events, full: false }, 700);
    // By characters it would fit in one frame; by bytes it needs two.
    expect(JSON.stringify(events).length).toBeLessThan(700 - 128);
    expect(parts.length).toBe(2);
    for (const p of parts) {
      expect(
        new TextEncoder().encode(JSON.stringify({ v: 1, seq: 1, t: 'events', ...p })).length,
      ).toBeLessThanOrEqual(700);
    }
    expect(parts.flatMap((p) => p.events)).toEqual(events);
  });

  it('reports and leaves out a single event larger than a frame', () => {
    const oversize: number[] = [];
    const big = e(FULL, 5000);
    const parts = splitBatch({ events: [e(META), big, e(INC)], full: true }, 1000, (_, bytes) =>
      oversize.push(bytes),
    );
    expect(oversize).toHaveLength(1);
    expect(parts.flatMap((p) => p.events)).toEqual([e(META), e(INC)]);
  });
});
