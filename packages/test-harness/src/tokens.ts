import { randomBytes } from 'node:crypto';
import { buildTokenClaims, signToken } from '@cobrowse-kit/core/server';
import { HarnessError } from './errors';

/**
 * The SDK key and secret tokens are signed for: a local engine's, or your Zoom app's.
 *
 * @example
 * ```ts
 * const keys: TokenKeys = { sdkKey: process.env.SDK_KEY!, sdkSecret: process.env.SDK_SECRET! };
 * await mintToken(keys, { role: 'agent' });
 * ```
 */
export interface TokenKeys {
  sdkKey: string;
  sdkSecret: string;
}

/**
 * Options for {@link mintToken}.
 *
 * @example
 * ```ts
 * await cobrowse.tokens.customer({ byop: false, userName: 'Ada' });
 * ```
 */
export interface MintTokenOptions {
  role: 'customer' | 'agent';
  /**
   * `enable_byop: 1`, so the customer may start with a custom PIN. Default `true` for customers
   * (BYOP is what the harness is for); ignored for agents.
   */
  byop?: boolean;
  /** Default: a fresh random id per token, so two agents never collide as the same user (1015). */
  userId?: string;
  /** Default `Test Customer` / `Test Agent`. At most 80 characters. */
  userName?: string;
  /** 1800–172800 s. Default 7200. */
  ttlSeconds?: number;
}

/**
 * Mints a customer or agent token signed with `keys` (HS256, Zoom's claim rules).
 *
 * @throws HarnessError `TOKEN_MINT_FAILED` with the reason from core (bad secret, name too long, …).
 * @example
 * ```ts
 * const token = await mintToken(engine, { role: 'customer', byop: true, userName: 'Ada' });
 * ```
 */
export async function mintToken(keys: TokenKeys, options: MintTokenOptions): Promise<string> {
  const { role } = options;
  const byop = role === 'customer' ? (options.byop ?? true) : false;
  try {
    const claims = buildTokenClaims({
      role,
      sdkKey: keys.sdkKey,
      userId: options.userId ?? `harness-${role}-${randomBytes(6).toString('hex')}`,
      userName: options.userName ?? (role === 'customer' ? 'Test Customer' : 'Test Agent'),
      byop,
      ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
    });
    return await signToken(claims, keys.sdkSecret);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new HarnessError(
      'TOKEN_MINT_FAILED',
      `Could not mint a ${role} token: ${why} Use the SDK key and secret of the engine you test against (cobrowseEngine, or startEngine()'s result).`,
      { cause },
    );
  }
}

/**
 * Random development keys for a throwaway engine. The secret is 32 random bytes as hex (64
 * characters), comfortably above HS256's 32-byte minimum.
 *
 * @example
 * ```ts
 * const { sdkKey, sdkSecret } = randomKeys();
 * ```
 */
export function randomKeys(): TokenKeys {
  return {
    sdkKey: `harness_${randomBytes(8).toString('hex')}`,
    sdkSecret: randomBytes(32).toString('hex'),
  };
}
