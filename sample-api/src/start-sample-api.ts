// Starts the sample API: CORS for the SPA, bearer token validation, per-user data and one log line per request.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { listen } from '@oauth-inspector/http-listen';
import { handleApiRequest, sendJson, serverErrorBody, type ApiContext, type LogEntry } from './api-routes.ts';
import { createValidator, type ValidationConfig, type Validator } from './validate-token.ts';

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
  configure(update: {
    validation?: ValidationConfig;
    backChannelProxy?: string | undefined;
    trustedOrigins?: string[];
  }): void;
  close(): Promise<void>;
}

export async function startSampleApi(config: SampleApiConfig): Promise<SampleApi> {
  const state = { ...config };
  const now = config.now ?? (() => new Date());
  const writeLine = config.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log = (entry: Record<string, unknown>) =>
    writeLine(JSON.stringify({ time: now().toISOString(), source: 'sample-api', ...entry }));
  let validator: Validator = createValidator(state.validation, { backChannelProxy: state.backChannelProxy, now, log });
  const context: ApiContext = { trustedOrigins: () => state.trustedOrigins, validator: () => validator, now };

  const server = createServer((req, res) => {
    const started = Date.now();
    const entry: LogEntry = {
      method: req.method,
      path: req.url,
      origin: req.headers.origin,
      validation: state.validation.mode,
    };
    req.resume();
    handleApiRequest(req, res, entry, context)
      .catch((error: Error) => {
        entry.error = { code: 'server_error', detail: error.message };
        if (!res.headersSent) sendJson(res, 500, serverErrorBody(randomUUID(), now()));
      })
      .finally(() => log({ type: 'request', ...entry, status: res.statusCode, ms: Date.now() - started }));
  });
  const listening = await listen(server, config);
  return {
    url: listening.url,
    configure(update) {
      if ('validation' in update && update.validation) state.validation = update.validation;
      if ('backChannelProxy' in update) state.backChannelProxy = update.backChannelProxy;
      if (update.trustedOrigins) state.trustedOrigins = update.trustedOrigins;
      validator = createValidator(state.validation, { backChannelProxy: state.backChannelProxy, now, log });
    },
    close: listening.close,
  };
}
