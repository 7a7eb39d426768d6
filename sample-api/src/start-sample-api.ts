// Starts the sample API: CORS for the SPA, bearer token validation, per-user data and one log line per request.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { itemOf, itemsOf } from './items.ts';
import { createValidator, InvalidTokenError, ValidationFailureError, type TokenClaims, type ValidationConfig, type Validator } from './validate-token.ts';

export type { ValidationConfig } from './validate-token.ts';

export interface SampleApiConfig {
  /** Where to listen (defaults 127.0.0.1:0). */
  host?: string;
  port?: number;
  /** Browser origins allowed to call the API cross-origin (the SPA's). */
  trustedOrigins: string[];
  validation: ValidationConfig;
  /** e.g. http://127.0.0.1:8080: JWKS and introspection requests go through it. */
  backChannelProxy?: string;
  /** Clock used for token expiry (tests fix it). */
  now?: () => Date;
  /** Receives one JSON line per request and per back-channel call; defaults to stdout. */
  log?: (line: string) => void;
}

export interface SampleApi {
  url: string;
  /** Switch validation mode, JWKS URL, secret or proxy at run time (scenarios); keys are refetched. */
  configure(update: { validation?: ValidationConfig; backChannelProxy?: string | undefined; trustedOrigins?: string[] }): void;
  close(): Promise<void>;
}

const REALM = 'sample-api';

function quote(value: string): string {
  // RFC 6750 §3: error_description may not contain '"' or '\\'.
  return value.replace(/"/g, "'").replace(/[\\\r\n]/g, ' ');
}

export async function startSampleApi(config: SampleApiConfig): Promise<SampleApi> {
  const state = { ...config };
  const now = config.now ?? (() => new Date());
  const writeLine = config.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log = (entry: Record<string, unknown>) => writeLine(JSON.stringify({ time: now().toISOString(), source: 'sample-api', ...entry }));
  let validator: Validator = createValidator(state.validation, { backChannelProxy: state.backChannelProxy, now, log });

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, entry: Record<string, unknown>): Promise<void> {
    const origin = req.headers.origin;
    const cors: Record<string, string> = { vary: 'Origin' };
    if (origin && state.trustedOrigins.includes(origin)) {
      // Fetch standard CORS protocol: grant only the SPA's origin; let it read WWW-Authenticate.
      cors['access-control-allow-origin'] = origin;
      cors['access-control-expose-headers'] = 'WWW-Authenticate';
    }
    const url = new URL(req.url ?? '/', 'http://api.invalid');
    if (req.method === 'OPTIONS') {
      // Preflight (step 15): the Authorization header makes the browser ask first.
      const allowed = 'access-control-allow-origin' in cors;
      res.writeHead(204, allowed ? { ...cors, 'access-control-allow-methods': 'GET', 'access-control-allow-headers': 'Authorization', 'access-control-max-age': '600' } : cors);
      res.end();
      entry.preflight = true;
      if (!allowed) entry.error = { code: 'origin_not_trusted', detail: `origin ${origin ?? '(none)'} is not trusted` };
      return;
    }
    if (req.method !== 'GET' || !url.pathname.startsWith('/api/')) {
      send(res, 404, { code: 'not_found', message: 'No such API route' }, cors);
      return;
    }
    // RFC 6750 §2.1 (b64token) and RFC 9110 §11.1: the scheme name is case-insensitive.
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(req.headers.authorization ?? '');
    if (!match) {
      // RFC 6750 §3.1: a request without credentials gets a challenge with no error code.
      entry.error = { code: 'missing_token', detail: 'no bearer token in the Authorization header' };
      send(res, 401, { code: 'unauthorized', message: 'Missing, invalid or expired access token' }, { ...cors, 'www-authenticate': `Bearer realm="${REALM}"` });
      return;
    }
    let claims: TokenClaims;
    try {
      claims = await validator.validate(match[1] as string);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        entry.error = { code: 'invalid_token', detail: error.message };
        send(res, 401, { code: 'unauthorized', message: 'Missing, invalid or expired access token' }, {
          ...cors,
          'www-authenticate': `Bearer realm="${REALM}", error="invalid_token", error_description="${quote(error.message)}"`,
        });
        return;
      }
      const failure = error instanceof ValidationFailureError ? error : new ValidationFailureError('server_error', (error as Error).message);
      const errorId = randomUUID();
      entry.error = { code: failure.code, detail: failure.message, errorId };
      send(res, 500, { code: 'server_error', message: 'A technical problem occurred in the API', area: 'api', errorId, utcTime: now().toISOString() }, cors);
      return;
    }
    entry.sub = claims.sub;
    if (claims.clientId) entry.clientId = claims.clientId;
    if (url.pathname === '/api/items') {
      send(res, 200, { items: itemsOf(claims.sub) }, cors);
      return;
    }
    const single = /^\/api\/items\/([^/]+)$/.exec(url.pathname);
    if (single) {
      const item = itemOf(claims.sub, decodeURIComponent(single[1] as string));
      if (!item) {
        entry.error = { code: 'not_found', detail: 'item missing or owned by another user' };
        send(res, 404, { code: 'not_found', message: 'No such item' }, cors);
        return;
      }
      send(res, 200, item, cors);
      return;
    }
    send(res, 404, { code: 'not_found', message: 'No such API route' }, cors);
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    const entry: Record<string, unknown> = { method: req.method, path: req.url, origin: req.headers.origin, validation: state.validation.mode };
    req.resume();
    handle(req, res, entry)
      .catch((error: Error) => {
        entry.error = { code: 'server_error', detail: error.message };
        if (!res.headersSent) send(res, 500, { code: 'server_error', message: 'A technical problem occurred in the API', area: 'api', errorId: randomUUID(), utcTime: now().toISOString() });
      })
      .finally(() => log({ type: 'request', ...entry, status: res.statusCode, ms: Date.now() - started }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port ?? 0, config.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    configure(update) {
      if ('validation' in update && update.validation) state.validation = update.validation;
      if ('backChannelProxy' in update) state.backChannelProxy = update.backChannelProxy;
      if (update.trustedOrigins) state.trustedOrigins = update.trustedOrigins;
      validator = createValidator(state.validation, { backChannelProxy: state.backChannelProxy, now, log });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
