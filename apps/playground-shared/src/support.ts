/*
 * Page plumbing shared by the React, Vue and Angular customer pages: runtime config, the token
 * request, and the words a customer reads. None of it is session logic — that lives in
 * @cobrowse-kit/core.
 */
import type { CobrowseError, CustomerStatus, ZoomCustomerSettings } from '@cobrowse-kit/core';

/** What the playground server tells the page at runtime. */
export interface PlaygroundConfig {
  sdkKey: string;
  /** Where the SDK bundle is loaded from (the engine, standing in for Zoom's CDN). */
  engineUrl: string;
  version: string;
}

declare global {
  interface Window {
    COBROWSE_PLAYGROUND?: {
      sdkKey: string;
      engineUrl: string;
      cdnBaseUrl?: string;
      sdkVersion?: string;
    };
  }
}

/**
 * Reads `/api/config`. The playground server also publishes the same facts as a script global
 * (`/config.js`, used by its plain-HTML pages); fall back to it so the page works with either.
 */
export async function loadConfig(): Promise<PlaygroundConfig> {
  const res = await fetch('/api/config', { cache: 'no-store' }).catch(() => undefined);
  if (res?.ok) {
    const c = (await res.json()) as Partial<PlaygroundConfig>;
    if (c.sdkKey && c.engineUrl) {
      return { sdkKey: c.sdkKey, engineUrl: c.engineUrl, version: c.version ?? '2.5.x' };
    }
  }
  await new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/config.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('The playground server is not reachable.'));
    document.head.append(script);
  });
  const g = window.COBROWSE_PLAYGROUND;
  if (!g) throw new Error('The playground server sent no configuration.');
  return {
    sdkKey: g.sdkKey,
    engineUrl: g.cdnBaseUrl ?? g.engineUrl,
    version: g.sdkVersion ?? '2.5.x',
  };
}

/** Asks this site's backend for a customer token that may choose its PIN (BYOP). */
export async function fetchCustomerToken(): Promise<string> {
  const res = await fetch('/api/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'customer', byop: true }),
  });
  const body = (await res.json().catch(() => ({}))) as {
    token?: string;
    error?: { message?: string };
  };
  if (!res.ok || typeof body.token !== 'string') {
    throw new Error(body.error?.message ?? `The token request failed (HTTP ${res.status}).`);
  }
  return body.token;
}

/** The card fields never leave the page: the SDK masks them before anything is sent. */
export const SDK_SETTINGS: ZoomCustomerSettings = {
  piiMask: { maskType: 'custom_input', maskCssSelectors: '.cobrowse-mask' },
  allowAgentAnnotation: true,
  allowCustomerAnnotation: true,
};

/** Statuses in which the customer is sharing (or about to): show the PIN and "End session". */
export const isSharing = (status: CustomerStatus): boolean =>
  status === 'starting' ||
  status === 'waiting' ||
  status === 'in_session' ||
  status === 'recoverable';

/** What the customer reads for each status, and the tone of the status dot. */
export const STATUS_TEXT: Record<CustomerStatus, readonly [text: string, tone?: string]> = {
  idle: ['Not sharing'],
  loading: ['Getting ready…', 'busy'],
  ready: ['Not sharing'],
  starting: ['Connecting…', 'busy'],
  waiting: ['Waiting for an agent — read them your PIN', 'warn'],
  in_session: ['An agent is viewing this page', 'ok'],
  ended: ['Sharing ended'],
  error: ['Not sharing', 'bad'],
  recoverable: ['Reconnecting to your session…', 'busy'],
};

/** A customer-facing sentence for an error; core's messages are written for developers. */
export function errorText(error: CobrowseError): string {
  switch (error.code) {
    case 'PIN_CONFLICT':
      return 'That PIN is already in use. Choose another one, or leave the field empty.';
    case 'PIN_INVALID_CHARS':
    case 'PIN_TOO_LONG':
    case 'PIN_FORMAT_INVALID':
      return 'A PIN can only use letters and digits, up to 10 characters.';
    case 'NETWORK_ERROR':
    case 'SDK_LOAD_FAILED':
    case 'SDK_LOAD_TIMEOUT':
      return 'We could not reach our support service. Check your connection and try again.';
    default:
      return 'We could not connect you to support. Please try again.';
  }
}
