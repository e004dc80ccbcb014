import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

/**
 * The CLI's default port.
 *
 * @example
 * ```ts
 * parseCliArgs([]).kind === 'run'; // listens on DEFAULT_CLI_PORT (9400)
 * ```
 */
export const DEFAULT_CLI_PORT = 9400;

/**
 * The text of `cobrowse-kit-server --help`.
 *
 * @example
 * ```ts
 * process.stdout.write(CLI_HELP);
 * ```
 */
export const CLI_HELP = `Usage: cobrowse-kit-server [options]

Runs the cobrowse-kit relay: WebSocket relay, SDK bundles at Zoom's CDN paths,
agent viewer, /healthz.

Options:
  --port <n>          Port to listen on (0 = any free port)   [env COBROWSE_PORT, default ${DEFAULT_CLI_PORT}]
  --host <addr>       Interface to listen on                  [env COBROWSE_HOST, default 127.0.0.1]
  --public-url <url>  URL browsers reach the relay at         [env COBROWSE_PUBLIC_URL, default http://host:port]
  --sdk-key <key>     SDK key tokens must carry (app_key)     [env COBROWSE_SDK_KEY]
  --sdk-secret <s>    Secret tokens are signed with (≥ 32 bytes) [env COBROWSE_SDK_SECRET]
  --dev-tokens        Mount POST|GET /cobrowse/dev/token (mints tokens for anyone)
  -v, --version       Print the version
  -h, --help          Print this help

Without --sdk-key and --sdk-secret, development keys are generated, printed, and
the dev token endpoint is enabled. Never use those in production.
`;

/**
 * What the CLI should do, as decided by {@link parseCliArgs}.
 *
 * @example
 * ```ts
 * const cmd: CliCommand = parseCliArgs(process.argv.slice(2), process.env);
 * if (cmd.kind === 'run') await createCobrowseServer(cmd);
 * ```
 */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string }
  | {
      kind: 'run';
      port: number;
      host: string;
      publicUrl: string | undefined;
      sdkKey: string;
      sdkSecret: string;
      /** The keys were generated because none were given. */
      devKeys: boolean;
      devTokens: boolean;
    };

/**
 * Parses `cobrowse-kit-server` arguments and environment into a command. Never exits or prints,
 * so it is testable.
 *
 * @param argv - Arguments after the script name (`process.argv.slice(2)`).
 * @param env - Environment variables (`process.env`).
 * @returns `{ kind: 'run', ... }`, `help`, `version`, or `error` with a message.
 * @example
 * ```ts
 * parseCliArgs(['--port', '0'], {}); // { kind: 'run', port: 0, devKeys: true, devTokens: true, ... }
 * ```
 */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'public-url': { type: 'string' },
        'sdk-key': { type: 'string' },
        'sdk-secret': { type: 'string' },
        'dev-tokens': { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const str = (flag: string, envName: string): string | undefined => {
    const v = values[flag];
    if (typeof v === 'string') return v;
    const e = env[envName];
    return e === undefined || e === '' ? undefined : e;
  };

  const portText = str('port', 'COBROWSE_PORT');
  const port = portText === undefined ? DEFAULT_CLI_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !/^\d+$/.test(portText ?? '0')) {
    return {
      kind: 'error',
      message: `--port must be a whole number from 0 to 65535; got "${portText}".`,
    };
  }
  const host = str('host', 'COBROWSE_HOST') ?? '127.0.0.1';
  const publicUrl = str('public-url', 'COBROWSE_PUBLIC_URL');
  if (publicUrl !== undefined) {
    try {
      const u = new URL(publicUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    } catch {
      return { kind: 'error', message: `--public-url must be an http(s) URL; got "${publicUrl}".` };
    }
  }
  let sdkKey = str('sdk-key', 'COBROWSE_SDK_KEY');
  let sdkSecret = str('sdk-secret', 'COBROWSE_SDK_SECRET');
  if ((sdkKey === undefined) !== (sdkSecret === undefined)) {
    return {
      kind: 'error',
      message: `--sdk-key and --sdk-secret go together; only ${sdkKey === undefined ? '--sdk-secret' : '--sdk-key'} was given.`,
    };
  }
  const devKeys = sdkKey === undefined;
  if (devKeys) {
    sdkKey = `dev-${randomBytes(6).toString('hex')}`;
    sdkSecret = randomBytes(32).toString('base64url');
  } else if (new TextEncoder().encode(sdkSecret).length < 32) {
    return {
      kind: 'error',
      message: '--sdk-secret must be at least 32 bytes (HS256 needs 256 bits).',
    };
  }
  return {
    kind: 'run',
    port,
    host,
    publicUrl,
    sdkKey: sdkKey as string,
    sdkSecret: sdkSecret as string,
    devKeys,
    devTokens: devKeys || values['dev-tokens'] === true,
  };
}
