// The message catalogue: one short, actionable message per error code, named after the code.
// `{name}` is filled from the params of `err(code, template, params)` (errors.ts). Long-form
// explanations live in docs/errors.md. Not public API; messages may be reworded, codes never.
//
// One export per code (not one object) so that bundlers keep only the messages a consumer can
// raise: `import * as M from './messages'` + `M.PIN_EMPTY` tree-shakes per message, so the
// server-only ones never reach a browser and `validatePin` alone does not ship the catalogue.
// Every code has an entry except the reserved WINDOW_NO_PARENT and SESSION_TIMEOUT.

// PIN rules
export const PIN_EMPTY = 'Enter a PIN of 1-10 letters or digits.';
export const PIN_TOO_LONG = 'The PIN has {n} characters: shorten it to 10.';
export const PIN_INVALID_CHARS = 'A PIN takes only letters A-Z and digits 0-9: {fix}.';
export const PIN_OPTIONS_INVALID =
  "generatePin: use a length of 1-10 and alphabet 'numeric', 'alphanumeric' or 2+ letters/digits.";

// Token building and inspection
export const TOKEN_TTL_OUT_OF_RANGE =
  'ttlSeconds is {ttl}: use whole seconds from 1800 to 172800 (30 min-48 h).';
export const TOKEN_USER_NAME_TOO_LONG = 'userName has {n} characters: shorten it to 80.';
export const TOKEN_USER_NAME_EMPTY = 'userName is empty: pass the name to show.';
export const TOKEN_USER_ID_EMPTY = 'userId is empty: pass an id unique per user.';
export const TOKEN_SDK_KEY_EMPTY = 'sdkKey is empty: pass your SDK key.';
export const TOKEN_ROLE_INVALID = "role must be 'customer' or 'agent'.";
export const TOKEN_MALFORMED = 'Not a JWT: pass the token itself, without "Bearer " or quotes.';
export const TOKEN_BYOP_REQUIRED =
  'A custom PIN needs a customer token minted with enable_byop: 1.';
export const TOKEN_EXPIRED = 'The token expired at {at}: fetch a fresh one.';
export const TOKEN_EXP_WINDOW_INVALID =
  'Token exp - iat is {ttl} s: mint it with ttlSeconds from 1800 to 172800.';
export const TOKEN_CLAIM_MISSING =
  'Token claim "{claim}" is missing: mint tokens with buildTokenClaims().';
export const TOKEN_CLAIM_INVALID = '"{claim}" must be {rule}.';
export const TOKEN_ROLE_MISMATCH = "Not a {role} token: mint it with role: '{role}'.";

// Token verification and endpoint (raised by the server entry only)
export const TOKEN_SECRET_INVALID =
  "The SDK secret is missing or too short (at least 32 bytes): pass your Zoom app's SDK secret from server configuration (is the env variable set?).";
export const TOKEN_ALGORITHM_NOT_ALLOWED =
  'The token is not signed with HS256, the only algorithm accepted: sign it with the SDK secret (signToken does).';
export const TOKEN_SIGNATURE_INVALID =
  'The token signature does not match: sign it with the SDK secret that belongs to this SDK key.';
export const TOKEN_NOT_YET_VALID =
  "The token's {claim} is in the future: check the clock of the server that minted it, or raise clockToleranceSeconds.";
export const TOKEN_APP_KEY_MISMATCH =
  "The token's app_key is not this SDK key: mint it with the SDK key (and secret) this server uses.";
export const TOKEN_REQUEST_INVALID =
  'createTokenHandler needs authorize(request, { role, byop }) returning { userId, userName } or false.';
export const TOKEN_REQUEST_FORBIDDEN =
  'You are not allowed to get a co-browsing token: sign in, or ask the site owner for access.';

// SDK loading
export const SDK_VERSION_INVALID = 'SDK version {spec} is invalid: use e.g. "2.5.0" or "2.5.x".';
export const SDK_KEY_INVALID = 'sdkKey must be the bare SDK key: no spaces, "/", "?", "#" or "%".';
export const SDK_LOAD_FAILED =
  '{url} did not install {name}: check sdkKey, version, baseUrl and CSP nonce.';
export const SDK_LOAD_TIMEOUT =
  'SDK not loaded after {ms} ms: check the network or raise timeoutMs.';
export const SDK_NOT_IN_BROWSER =
  'loadSdk needs a browser: call it client-side, not during server rendering.';
export const SDK_INIT_FAILED =
  'The {role} SDK failed to initialise ({why}): check its settings and SDK key.';
export const SDK_SURFACE_INVALID =
  '{name} has no init(): pass the SDK object or a function returning it.';
export const SDK_ROLE_MISMATCH =
  'That is the customer SDK: give the agent session its own, e.g. { sdk: ZoomCobrowseAgentSDK }.';

// Window messaging
export const WINDOW_NO_OPENER =
  'No opener or parent: open the viewer with window.open() without noopener, or in an iframe.';
export const WINDOW_POPUP_BLOCKED = 'Popup blocked: call window.open() from a click handler.';
export const WINDOW_IFRAME_UNREACHABLE =
  'The iframe has no contentWindow: append it to the document first.';
export const CHANNEL_ORIGIN_INVALID =
  '"{origin}" is not an exact origin: pass one like new URL(viewerUrl).origin, never "*".';
export const CHANNEL_HANDSHAKE_TIMEOUT =
  'No answer on "{channel}" from {origin}: check that page loaded and allows this origin.';
export const CHANNEL_REQUEST_TIMEOUT =
  'No response to "{type}" in {ms} ms: check the other window is still open.';
export const CHANNEL_CLOSED = 'Channel "{channel}" is closed ({why}): create a new one.';
// The one the library raises itself; otherwise the other window's own message is passed on.
export const CHANNEL_REMOTE_ERROR = 'No handler for "{type}": call handle() in the other window.';

// Session; the Zoom-mapped ones are also the fixes fixFor() and toCobrowseError() append.
export const SESSION_START_FAILED =
  'The session could not start: check the token and network, then start() again.';
export const SESSION_CONNECTING = 'Already connecting: wait for it to finish.';
export const SESSION_LIMIT_REACHED = 'Session limit reached: end an idle session and try again.';
export const PIN_NOT_FOUND = 'No live session has this PIN: ask the customer to read it again.';
export const PIN_FORMAT_INVALID =
  'The PIN must be 1-10 letters or digits: remove spaces, dashes and accents.';
export const PIN_REQUIRED =
  'A custom PIN is required: pass customPinCode with an enable_byop: 1 token.';
export const PIN_CONFLICT =
  'Another live session uses this PIN: choose another, or leave it empty to get one.';
export const JOIN_FAILED = 'Joining failed: check the PIN and agent token, then try again.';
export const CUSTOMER_LIMIT_REACHED =
  'This session already has its customer: end it before another one starts.';
export const AGENT_LIMIT_REACHED =
  'This session has its maximum of agents: ask one to leave first.';
export const DUPLICATE_USER =
  'This user_id is already in the session: give each user a unique user_id.';
export const NETWORK_ERROR =
  'The connection was lost: check the network; the session can resume for a while.';
export const TOKEN_INVALID =
  'The token was refused: mint a fresh one with the right SDK key, secret and role_type.';
export const SESSION_INVALID_STATE = 'Cannot {why}: {fix}.';
export const SESSION_DISPOSED = 'This {role} session was disposed: create a new one.';
// The one UNKNOWN the library raises itself; toCobrowseError passes other messages on.
export const UNKNOWN = 'The token function failed ({why}): check your token endpoint.';
