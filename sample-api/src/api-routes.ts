// The API's request handling: CORS for the SPA, the bearer token check (RFC 6750) and the per-user item routes.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { itemOf, itemsOf } from './items.ts';
import { InvalidTokenError, ValidationFailureError, type TokenClaims, type Validator } from './validate-token.ts';

const REALM = 'sample-api';

/** What a request needs from the running API; read per request, so `configure` applies to the next one. */
export interface ApiContext {
  trustedOrigins(): string[];
  validator(): Validator;
  now(): Date;
}

/** The request's log line, filled as the request is handled. */
export type LogEntry = Record<string, unknown>;

type Headers = Record<string, string>;

function quote(value: string): string {
  // RFC 6750 §3: error_description may not contain '"' or '\\'.
  return value.replace(/"/g, "'").replace(/[\\\r\n]/g, ' ');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** The 500 body: names no cause (that goes to the log under the same errorId). */
export function serverErrorBody(errorId: string, now: Date): Record<string, string> {
  return {
    code: 'server_error',
    message: 'A technical problem occurred in the API',
    area: 'api',
    errorId,
    utcTime: now.toISOString(),
  };
}

function corsHeaders(origin: string | undefined, trusted: string[]): Headers {
  const cors: Headers = { vary: 'Origin' };
  if (origin && trusted.includes(origin)) {
    // Fetch standard CORS protocol: grant only the SPA's origin; let it read WWW-Authenticate.
    cors['access-control-allow-origin'] = origin;
    cors['access-control-expose-headers'] = 'WWW-Authenticate';
  }
  return cors;
}

/**
 * Preflight (step 15): the Authorization header makes the browser ask first. The legacy page also sends a
 * correlation id with every call, so even its first call without a token is preflighted (seed 000, step 2).
 */
function answerPreflight(res: ServerResponse, origin: string | undefined, cors: Headers, entry: LogEntry): void {
  const allowed = 'access-control-allow-origin' in cors;
  res.writeHead(
    204,
    allowed
      ? {
          ...cors,
          'access-control-allow-methods': 'GET',
          'access-control-allow-headers': 'Authorization, X-Correlation-Id',
          'access-control-max-age': '600',
        }
      : cors,
  );
  res.end();
  entry.preflight = true;
  if (!allowed) entry.error = { code: 'origin_not_trusted', detail: `origin ${origin ?? '(none)'} is not trusted` };
}

/**
 * RFC 6750 §3.1: 401 with a challenge; the error code only when a token was sent and refused. The body says which
 * of the two happened, as the legacy walk-through's API does before the first login (seed 000, step 2).
 */
function challenge(res: ServerResponse, cors: Headers, refused?: InvalidTokenError): void {
  const error = refused ? `, error="invalid_token", error_description="${quote(refused.message)}"` : '';
  const message = refused ? 'Missing, invalid or expired access token' : 'No access token was supplied';
  sendJson(
    res,
    401,
    { code: 'unauthorized', message },
    { ...cors, 'www-authenticate': `Bearer realm="${REALM}"${error}` },
  );
}

/** The token's claims, or undefined once a 401 or 500 has been sent: a refused token is the client's fault, a failed check ours. */
async function authenticate(
  req: IncomingMessage,
  res: ServerResponse,
  cors: Headers,
  entry: LogEntry,
  context: ApiContext,
): Promise<TokenClaims | undefined> {
  // RFC 6750 §2.1 (b64token) and RFC 9110 §11.1: the scheme name is case-insensitive.
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(req.headers.authorization ?? '');
  if (!match) {
    entry.error = { code: 'missing_token', detail: 'no bearer token in the Authorization header' };
    challenge(res, cors);
    return undefined;
  }
  try {
    return await context.validator().validate(match[1] as string);
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      entry.error = { code: 'invalid_token', detail: error.message };
      challenge(res, cors, error);
      return undefined;
    }
    const failure =
      error instanceof ValidationFailureError
        ? error
        : new ValidationFailureError('server_error', (error as Error).message);
    const errorId = randomUUID();
    entry.error = { code: failure.code, detail: failure.message, errorId };
    sendJson(res, 500, serverErrorBody(errorId, context.now()), cors);
    return undefined;
  }
}

/** `/api/items` and `/api/items/<id>`: only the signed-in user's own items. */
function serveItems(res: ServerResponse, pathname: string, claims: TokenClaims, cors: Headers, entry: LogEntry): void {
  if (pathname === '/api/items') {
    sendJson(res, 200, { items: itemsOf(claims.sub) }, cors);
    return;
  }
  const single = /^\/api\/items\/([^/]+)$/.exec(pathname);
  const item = single ? itemOf(claims.sub, decodeURIComponent(single[1] as string)) : undefined;
  if (single && !item) entry.error = { code: 'not_found', detail: 'item missing or owned by another user' };
  if (!item) {
    sendJson(res, 404, { code: 'not_found', message: single ? 'No such item' : 'No such API route' }, cors);
    return;
  }
  sendJson(res, 200, item, cors);
}

export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  entry: LogEntry,
  context: ApiContext,
): Promise<void> {
  const origin = req.headers.origin;
  const cors = corsHeaders(origin, context.trustedOrigins());
  const url = new URL(req.url ?? '/', 'http://api.invalid');
  if (req.method === 'OPTIONS') return answerPreflight(res, origin, cors, entry);
  if (req.method !== 'GET' || !url.pathname.startsWith('/api/')) {
    sendJson(res, 404, { code: 'not_found', message: 'No such API route' }, cors);
    return;
  }
  const claims = await authenticate(req, res, cors, entry, context);
  if (!claims) return;
  entry.sub = claims.sub;
  if (claims.clientId) entry.clientId = claims.clientId;
  serveItems(res, url.pathname, claims, cors, entry);
}
