import { afterEach, expect, it, vi } from 'vitest';
import { detectDupes } from './index';

afterEach(() => {
  vi.restoreAllMocks();
});

it('warns when two different copies register, and stays quiet for the same one', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const name = `@cobrowse-kit/test-${Math.random()}`;
  detectDupes(name, '1.0.0');
  detectDupes(name, '1.0.0'); // HMR / re-evaluation
  expect(warn).not.toHaveBeenCalled();
  detectDupes(name, '1.1.0');
  expect(warn).toHaveBeenCalledTimes(1);
  expect(warn.mock.calls[0]?.[0]).toMatch(/loaded twice \(1\.0\.0 and 1\.1\.0\).*dedupe/);
});
