// @ts-check
/**
 * `pnpm dev` (from the repository root) ends here: start the co-browsing engine and the
 * playground's pages, each on its own origin like a real deployment, and print one URL.
 *
 * Environment: PORT (pages, default 5173), ENGINE_PORT (default 9400), HOST (bind address,
 * default 127.0.0.1), PUBLIC_HOST (host name in printed URLs, default localhost),
 * COBROWSE_SDK_KEY / COBROWSE_SDK_SECRET (default: fixed development keys).
 */
import { createCobrowseServer } from '@cobrowse-kit/server';
import { frameworkBuilds, startPlayground } from './lib/playground-server.mjs';

// Fixed rather than random so tokens and resumable sessions survive a restart of `pnpm dev`.
// Development only: anyone who knows them can mint tokens.
const DEV_SDK_KEY = 'cbk_dev_playground';
const DEV_SDK_SECRET = 'cobrowse-kit-playground-development-secret-not-for-production';

const env = process.env;
const host = env.HOST ?? '127.0.0.1';
const publicHost = env.PUBLIC_HOST ?? 'localhost';
const port = Number(env.PORT ?? 5173);
const enginePort = Number(env.ENGINE_PORT ?? 9400);
const sdkKey = env.COBROWSE_SDK_KEY ?? DEV_SDK_KEY;
const sdkSecret = env.COBROWSE_SDK_SECRET ?? DEV_SDK_SECRET;
const devKeys = sdkKey === DEV_SDK_KEY;

/**
 * @param {unknown} error
 * @param {string} what
 * @param {number} p
 * @returns {never}
 */
function explain(error, what, p) {
  const code = /** @type {{ code?: string }} */ (error).code;
  if (code === 'EADDRINUSE') {
    console.error(
      `Port ${p} (${what}) is in use. Stop the other process or set ${what === 'engine' ? 'ENGINE_PORT' : 'PORT'}.`,
    );
  } else {
    console.error(`Could not start the ${what}:`, error);
  }
  process.exit(1);
}

const engine = await createCobrowseServer({
  port: enginePort,
  host,
  publicUrl: `http://${publicHost}:${enginePort}`,
  sdkKey,
  sdkSecret,
  devTokens: true,
}).catch((e) => explain(e, 'engine', enginePort));

const playground = await startPlayground({
  port,
  host,
  publicHost,
  engineUrl: engine.url,
  sdkKey,
  sdkSecret,
}).catch((e) => explain(e, 'playground', port));

const frameworks = frameworkBuilds();
console.log(`
  cobrowse-kit playground

  ➜  Open ${playground.url}/

     customer page   ${playground.url}/customer.html
     agent console   ${playground.url}/agent.html${frameworks.map((f) => `\n     ${f.name.padEnd(15)} ${playground.url}/${f.name}/`).join('')}
     engine          ${engine.url}  (health: ${engine.url}/healthz)
     SDK key         ${sdkKey}${devKeys ? `\n     SDK secret      ${sdkSecret}  (development keys — never use them in production)` : ''}

  Ctrl+C to stop.
`);

let stopping = false;
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, async () => {
    if (stopping) process.exit(1);
    stopping = true;
    await Promise.allSettled([playground.close(), engine.close()]);
    process.exit(0);
  });
}
