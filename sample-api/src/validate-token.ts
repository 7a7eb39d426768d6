// Validates a bearer access token: locally as a JWT against the JWKS (jose), or by introspection (RFC 7662).
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload } from 'jose';
import { backChannelFetch } from './back-channel.ts';

export type ValidationConfig =
  | { mode: 'jwt'; jwksUrl: string; issuer: string; audience: string; algorithms?: string[] }
  | {
      mode: 'introspection';
      introspectionUrl: string;
      clientId: string;
      clientSecret: string;
      issuer: string;
      audience: string;
    };

/** What the API may trust once validation succeeded. */
export interface TokenClaims {
  sub: string;
  scope: string;
  clientId?: string;
}

/** The token is missing, malformed, badly signed, expired or meant for someone else: the client's fault → 401. */
export class InvalidTokenError extends Error {
  readonly code = 'invalid_token';
}

/** The API could not do its job (keys or introspection unavailable, wrong secret): not the client's fault → 500. */
export class ValidationFailureError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** jose error codes that mean "this token is not acceptable" rather than "we could not check it". */
const TOKEN_ERROR_CODES = new Set([
  'ERR_JWS_INVALID',
  'ERR_JWT_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JOSE_NOT_SUPPORTED',
]);

export interface Validator {
  validate(token: string): Promise<TokenClaims>;
}

export interface ValidatorOptions {
  backChannelProxy?: string;
  now: () => Date;
  log: (entry: Record<string, unknown>) => void;
}

function claimsFrom(payload: JWTPayload | Record<string, unknown>): TokenClaims {
  if (typeof payload.sub !== 'string' || payload.sub === '')
    throw new InvalidTokenError('the access token has no sub claim');
  return {
    sub: payload.sub,
    scope: typeof payload.scope === 'string' ? payload.scope : '',
    ...(typeof payload.client_id === 'string' ? { clientId: payload.client_id } : {}),
  };
}

export function createValidator(config: ValidationConfig, options: ValidatorOptions): Validator {
  if (config.mode === 'jwt') {
    // Keys are fetched on first use and cached by jose (step 16); a new kid triggers a refetch.
    const keys = createRemoteJWKSet(new URL(config.jwksUrl), {
      [customFetch]: backChannelFetch('jwks', options.backChannelProxy, options.log) as never,
    });
    return {
      async validate(token) {
        try {
          const { payload } = await jwtVerify(token, keys, {
            issuer: config.issuer,
            audience: config.audience,
            algorithms: config.algorithms ?? ['RS256'],
            currentDate: options.now(),
          });
          return claimsFrom(payload);
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code && TOKEN_ERROR_CODES.has(code)) throw new InvalidTokenError((error as Error).message);
          if (error instanceof InvalidTokenError) throw error;
          const cause = (error as { cause?: { code?: string } }).cause?.code;
          throw new ValidationFailureError(
            'jwks_download_failed',
            `could not get token signing keys from ${config.jwksUrl}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`,
          );
        }
      },
    };
  }
  const post = backChannelFetch('introspection', options.backChannelProxy, options.log);
  return {
    async validate(token) {
      // RFC 7662 §2.1 with client_secret_basic (RFC 6749 §2.3.1: form-encode id and secret before base64).
      const basic = Buffer.from(
        `${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`,
      ).toString('base64');
      let response: Response;
      try {
        response = await post(config.introspectionUrl, {
          method: 'POST',
          headers: {
            authorization: `Basic ${basic}`,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
          signal: AbortSignal.timeout(5000),
        });
      } catch (error) {
        throw new ValidationFailureError(
          'introspection_failed',
          `introspection request to ${config.introspectionUrl} failed: ${(error as Error).message}`,
        );
      }
      const text = await response.text();
      if (response.status !== 200) {
        // A wrong API secret is the API's problem, so the SPA gets a 500, never a 401 that would make it sign in again.
        throw new ValidationFailureError(
          'introspection_failed',
          `introspection endpoint answered ${response.status}: ${text.slice(0, 200)}`,
        );
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new ValidationFailureError('introspection_failed', 'introspection endpoint returned invalid JSON');
      }
      if (body.active !== true) throw new InvalidTokenError('the access token is not active');
      if (body.iss !== undefined && body.iss !== config.issuer)
        throw new InvalidTokenError('unexpected "iss" in the introspection response');
      const aud = Array.isArray(body.aud) ? body.aud : [body.aud];
      if (!aud.includes(config.audience))
        throw new InvalidTokenError('the access token is not meant for this API (aud)');
      if (typeof body.exp === 'number' && body.exp * 1000 <= options.now().getTime())
        throw new InvalidTokenError('the access token has expired');
      return claimsFrom(body);
    },
  };
}
