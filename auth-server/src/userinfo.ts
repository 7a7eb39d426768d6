// Our userinfo endpoint: accepts the SPA's API-bound access token (see the design note in provider-config.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { findUserBySub, userClaims } from './users.ts';

export interface UserinfoContext {
  issuer: string;
  apiAudience: string;
  webOrigin: string;
  publicJwks: JSONWebKeySet;
  /** Looks up an opaque access token in the provider's store. */
  findOpaqueToken(value: string): Promise<{ accountId: string; scope?: string; isExpired: boolean } | undefined>;
}

type Keys = ReturnType<typeof createLocalJWKSet>;

/** Who an accepted access token speaks for, or why it was refused. */
type TokenVerdict = { sub: string; scope: string } | { rejected: string };

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** CORS headers for the SPA's origin only; other origins get none. */
function corsHeaders(origin: string | undefined, webOrigin: string): Record<string, string> {
  const cors: Record<string, string> = {};
  if (origin === webOrigin) {
    cors['access-control-allow-origin'] = origin;
    cors['access-control-expose-headers'] = 'WWW-Authenticate';
    cors.vary = 'Origin';
  }
  return cors;
}

function sendPreflight(res: ServerResponse, cors: Record<string, string>): void {
  res.writeHead(204, {
    ...cors,
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': 'Authorization, Content-Type',
    'access-control-max-age': '600',
  });
  res.end();
}

/** RFC 6750 §3.1: invalid_token, with the description repeated in the challenge. */
function sendInvalidToken(res: ServerResponse, cors: Record<string, string>, description: string): void {
  send(
    res,
    401,
    { error: 'invalid_token', error_description: description },
    {
      ...cors,
      'www-authenticate': `Bearer realm="userinfo", error="invalid_token", error_description="${description.replace(/["\\]/g, '')}"`,
    },
  );
}

/** A JWT access token is verified against our keys (RFC 9068); any other token is looked up in the provider's store. */
async function verifyAccessToken(token: string, keys: Keys, context: UserinfoContext): Promise<TokenVerdict> {
  if (token.split('.').length === 3) {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: context.issuer,
        audience: context.apiAudience,
        algorithms: ['RS256'],
        typ: 'at+jwt',
      });
      return { sub: String(payload.sub), scope: typeof payload.scope === 'string' ? payload.scope : '' };
    } catch (error) {
      return { rejected: `access token rejected: ${(error as Error).message}` };
    }
  }
  const found = await context.findOpaqueToken(token).catch(() => undefined);
  if (!found || found.isExpired) return { rejected: 'access token is unknown or expired' };
  return { sub: found.accountId, scope: found.scope ?? '' };
}

/** Answers a request that carries a bearer token: the claims of its user, or why not. */
async function answerWithToken(
  res: ServerResponse,
  cors: Record<string, string>,
  token: string,
  keys: Keys,
  context: UserinfoContext,
): Promise<void> {
  const verdict = await verifyAccessToken(token, keys, context);
  if ('rejected' in verdict) {
    sendInvalidToken(res, cors, verdict.rejected);
    return;
  }
  const scopes = new Set(verdict.scope.split(' '));
  if (!scopes.has('openid')) {
    // OIDC Core §5.3.1: userinfo needs a token granted the openid scope.
    send(
      res,
      403,
      { error: 'insufficient_scope', error_description: 'the access token lacks the openid scope' },
      {
        ...cors,
        'www-authenticate': 'Bearer realm="userinfo", error="insufficient_scope", scope="openid"',
      },
    );
    return;
  }
  const user = findUserBySub(verdict.sub);
  if (!user) {
    sendInvalidToken(res, cors, 'the token subject is not a known user');
    return;
  }
  send(res, 200, userClaims(user, scopes), cors);
}

export function createUserinfoHandler(context: UserinfoContext) {
  const keys = createLocalJWKSet(context.publicJwks);
  return async function handleUserinfo(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = corsHeaders(req.headers.origin, context.webOrigin);
    if (req.method === 'OPTIONS') {
      sendPreflight(res, cors);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      send(
        res,
        405,
        { error: 'invalid_request', error_description: 'use GET or POST' },
        { ...cors, allow: 'GET, POST' },
      );
      return;
    }
    req.resume();
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) {
      // RFC 6750 §3.1: no error code when the request carries no credentials at all.
      send(
        res,
        401,
        { message: 'no access token provided' },
        { ...cors, 'www-authenticate': 'Bearer realm="userinfo"' },
      );
      return;
    }
    await answerWithToken(res, cors, match[1] as string, keys, context);
  };
}
