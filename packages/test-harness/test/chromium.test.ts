import { describe, expect, it } from 'vitest';
import {
  CHROMIUM_ARGS,
  DEBIAN_CHROMIUM_PATH,
  chromiumLaunchOptions,
  findChromium,
} from '../src/chromium';
import { isHarnessError } from '../src/errors';

const files =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);
const noPlaywright = () => undefined;

describe('findChromium', () => {
  it('prefers COBROWSE_CHROMIUM_PATH over everything', () => {
    const found = findChromium({
      env: { COBROWSE_CHROMIUM_PATH: '/opt/a', CHROMIUM_PATH: '/opt/b' },
      exists: files('/opt/a', '/opt/b', DEBIAN_CHROMIUM_PATH),
      playwrightExecutablePath: () => '/pw/chrome',
    });
    expect(found).toEqual({ executablePath: '/opt/a', source: 'env:COBROWSE_CHROMIUM_PATH' });
  });

  it('accepts CHROMIUM_PATH, then Debian, then Playwright', () => {
    expect(findChromium({ env: { CHROMIUM_PATH: '/opt/b' }, exists: files('/opt/b') }).source).toBe(
      'env:CHROMIUM_PATH',
    );
    expect(
      findChromium({
        env: {},
        exists: files(DEBIAN_CHROMIUM_PATH, '/pw/chrome'),
        playwrightExecutablePath: () => '/pw/chrome',
      }),
    ).toEqual({ executablePath: DEBIAN_CHROMIUM_PATH, source: 'debian' });
    expect(
      findChromium({
        env: {},
        exists: files('/pw/chrome'),
        playwrightExecutablePath: () => '/pw/chrome',
      }),
    ).toEqual({ executablePath: '/pw/chrome', source: 'playwright' });
  });

  it('treats blank env vars as unset', () => {
    expect(
      findChromium({ env: { COBROWSE_CHROMIUM_PATH: '  ' }, exists: files(DEBIAN_CHROMIUM_PATH) })
        .source,
    ).toBe('debian');
  });

  it('refuses an env var that points nowhere instead of silently falling back', () => {
    try {
      findChromium({ env: { CHROMIUM_PATH: '/nope' }, exists: files(DEBIAN_CHROMIUM_PATH) });
      expect.unreachable();
    } catch (e) {
      expect(isHarnessError(e, 'CHROMIUM_PATH_INVALID')).toBe(true);
      expect((e as Error).message).toContain('CHROMIUM_PATH is set to "/nope"');
    }
  });

  it('says what was tried and how to fix it when nothing is found', () => {
    try {
      findChromium({ env: {}, exists: files(), playwrightExecutablePath: () => '/pw/chrome' });
      expect.unreachable();
    } catch (e) {
      expect(isHarnessError(e, 'CHROMIUM_NOT_FOUND')).toBe(true);
      const m = (e as Error).message;
      expect(m).toContain(DEBIAN_CHROMIUM_PATH);
      expect(m).toContain('/pw/chrome');
      expect(m).toContain('apt-get install -y chromium');
      expect(m).toContain('COBROWSE_CHROMIUM_PATH');
    }
  });
});

describe('chromiumLaunchOptions', () => {
  it('sets executablePath and the CI flags, appending extra args', () => {
    const o = chromiumLaunchOptions(
      { args: ['--lang=en'], slowMo: 10 },
      { env: {}, exists: files(DEBIAN_CHROMIUM_PATH), playwrightExecutablePath: noPlaywright },
    );
    expect(o).toEqual({
      executablePath: DEBIAN_CHROMIUM_PATH,
      slowMo: 10,
      args: [...CHROMIUM_ARGS, '--lang=en'],
    });
  });

  it("leaves executablePath out for Playwright's own browser", () => {
    const o = chromiumLaunchOptions(
      {},
      { env: {}, exists: files('/pw/chrome'), playwrightExecutablePath: () => '/pw/chrome' },
    );
    expect(o.executablePath).toBeUndefined();
  });
});
