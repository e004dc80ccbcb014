// `cobrowse-kit-server`: the relay from the command line. Argument parsing lives in cli-args.ts
// so it can be tested without starting anything.
import { createRequire } from 'node:module';
import { CLI_HELP, type CobrowseLogger, createCobrowseServer, parseCliArgs } from './index.js';

const logger: CobrowseLogger = {
  info: (m, meta) => console.log(`[cobrowse-kit] ${m}${meta ? ` ${JSON.stringify(meta)}` : ''}`),
  warn: (m, meta) => console.warn(`[cobrowse-kit] ${m}${meta ? ` ${JSON.stringify(meta)}` : ''}`),
  error: (m, meta) => console.error(`[cobrowse-kit] ${m}${meta ? ` ${JSON.stringify(meta)}` : ''}`),
};

function version(): string {
  try {
    // src/cli.ts and dist/cli.js both sit one level below package.json.
    return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number | undefined> {
  const cmd = parseCliArgs(process.argv.slice(2), process.env);
  if (cmd.kind === 'help') {
    process.stdout.write(CLI_HELP);
    return 0;
  }
  if (cmd.kind === 'version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (cmd.kind === 'error') {
    process.stderr.write(
      `cobrowse-kit-server: ${cmd.message}\nRun cobrowse-kit-server --help for usage.\n`,
    );
    return 2;
  }
  const server = await createCobrowseServer({
    port: cmd.port,
    host: cmd.host,
    ...(cmd.publicUrl ? { publicUrl: cmd.publicUrl } : {}),
    sdkKey: cmd.sdkKey,
    sdkSecret: cmd.sdkSecret,
    devTokens: cmd.devTokens,
    logger,
  });
  if (cmd.devKeys) {
    const bar = '='.repeat(72);
    console.log(
      [
        bar,
        '  DEVELOPMENT KEYS — do not use in production',
        `  SDK key:    ${cmd.sdkKey}`,
        `  SDK secret: ${cmd.sdkSecret}`,
        '  Pass --sdk-key/--sdk-secret (or COBROWSE_SDK_KEY/COBROWSE_SDK_SECRET) for real keys.',
        bar,
      ].join('\n'),
    );
  }
  console.log(`cobrowse-kit relay listening on ${server.url}`);
  console.log(`  WebSocket:     ${server.wsUrl}`);
  console.log(`  Customer SDK:  ${server.url}/static/resource/sdk/${cmd.sdkKey}/js/2.5.x`);
  console.log(`  Agent SDK:     ${server.url}/static/resource/sdk/${cmd.sdkKey}/agent/js/2.5.x`);
  if (server.devTokens) {
    console.log(`  Dev tokens:    ${server.url}/cobrowse/dev/token?role=customer&byop=1`);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means "now".
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: ending sessions and shutting down…`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return undefined;
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (err: unknown) => {
    const code = (err as { code?: unknown }).code;
    console.error(
      code === 'EADDRINUSE'
        ? `cobrowse-kit-server: the port is already in use; pass --port <n> (or --port 0 for any free port).`
        : `cobrowse-kit-server: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exitCode = 1;
  },
);
