// Turns captured exchanges into a valid HAR 1.2 file, and redacts the secrets in them before sharing.
import type { Exchange, HarCookie, HarFile, HarNameValue, HarPostData } from './har.ts';
import { contentText, formParams, fragmentParams, headerValue, jsonObject, paramValue, queryParams } from './exchange-read.ts';

export interface HarExportOptions {
  creator?: { name: string; version: string };
  comment?: string;
}

/** Placeholder written wherever a secret was removed. */
export const REDACTED = 'REDACTED';

function finite(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function integer(value: unknown, fallback: number): number {
  return Math.round(finite(value, fallback));
}

/** One entry with every field HAR 1.2 requires present and well-typed (HAR 1.2 §entries). */
function normalizeEntry(exchange: Exchange): Exchange {
  const timings = exchange.timings ?? { send: 0, wait: 0, receive: 0 };
  const send = Math.max(-1, finite(timings.send, 0));
  const wait = Math.max(-1, finite(timings.wait, 0));
  const receive = Math.max(-1, finite(timings.receive, 0));
  const entry: Exchange = {
    ...exchange,
    startedDateTime: exchange.startedDateTime || new Date(0).toISOString(),
    time: Math.max(0, finite(exchange.time, 0)),
    cache: exchange.cache ?? {},
    timings: { ...timings, send, wait, receive },
    request: {
      ...exchange.request,
      headersSize: integer(exchange.request.headersSize, -1),
      bodySize: integer(exchange.request.bodySize, -1),
      queryString: exchange.request.queryString ?? [],
      cookies: exchange.request.cookies ?? [],
      headers: exchange.request.headers ?? [],
    },
    response: {
      ...exchange.response,
      status: integer(exchange.response.status, 0),
      statusText: exchange.response.statusText ?? '',
      httpVersion: exchange.response.httpVersion || 'HTTP/1.1',
      headers: exchange.response.headers ?? [],
      cookies: exchange.response.cookies ?? [],
      redirectURL: exchange.response.redirectURL ?? '',
      headersSize: integer(exchange.response.headersSize, -1),
      bodySize: integer(exchange.response.bodySize, -1),
      content: {
        ...exchange.response.content,
        size: integer(exchange.response.content?.size, 0),
        mimeType: exchange.response.content?.mimeType ?? '',
      },
    },
  };
  if (entry.serverIPAddress === '') delete entry.serverIPAddress;
  return entry;
}

/** A HAR 1.2 file holding the exchanges in capture order; `_` fields are kept (HAR allows custom fields). */
export function toHarFile(exchanges: readonly Exchange[], options: HarExportOptions = {}): HarFile {
  const entries = [...exchanges].sort((a, b) => a._seq - b._seq).map(normalizeEntry);
  return {
    log: {
      version: '1.2',
      creator: options.creator ?? { name: 'OAuth Inspector', version: '0.1.0' },
      entries,
      ...(options.comment ? { comment: options.comment } : {}),
    },
  };
}

const SECRET_NAMES = new Set(['password', 'passwd', 'client_secret', 'client_assertion_secret']);

/** JWS/JWT compact serialization (RFC 7515 §7.1): keep header and payload, drop the signature. */
const JWT_PATTERN = /(eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+)\.[A-Za-z0-9_-]{8,}/g;
/** `password=…` / `client_secret=…` in form bodies, query strings and fragments (RFC 6749 §2.3.1). */
const FORM_SECRET_PATTERN = /((?:^|[?&#;\s])(?:password|passwd|client_secret)=)[^&#\s"']*/gi;
/** The same names as JSON members. */
const JSON_SECRET_PATTERN = /("(?:password|passwd|client_secret)"\s*:\s*")(?:[^"\\]|\\.)*"/gi;

/** Removes token signatures and secret parameters from free text (URLs, bodies, header values). */
export function redactText(text: string, opaque?: OpaqueTokens): string {
  let out = text
    .replace(JWT_PATTERN, `$1.${REDACTED}`)
    .replace(FORM_SECRET_PATTERN, `$1${REDACTED}`)
    .replace(JSON_SECRET_PATTERN, `$1${REDACTED}"`);
  if (opaque) {
    for (const [value, placeholder] of opaque) {
      // As written in plain text and JSON, percent-encoded in URLs and forms, and with JSON's escaped slashes.
      for (const form of new Set([value, encodeURIComponent(value), value.replace(/\//g, '\\/')])) {
        if (out.includes(form)) out = out.split(form).join(placeholder);
      }
    }
  }
  return out;
}

/** Opaque (non-JWT) tokens of a session and the placeholder each is replaced with, the same wherever it appears. */
type OpaqueTokens = Map<string, string>;

/** Where opaque bearer credentials show up: token responses, refresh and introspection forms, Authorization headers. */
const OPAQUE_JSON_MEMBERS = ['access_token', 'refresh_token'];
const OPAQUE_FORM_PARAMS = ['refresh_token', 'token', 'access_token'];

/** Long enough and random-looking enough to be a credential: never a word like "undefined" that a buggy client sends. */
const TOKEN_LIKE = /^(?=.*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{16,}$/;

/** A Location resolved against the request URL (RFC 9110 §10.2.2), or undefined when it cannot be. */
function resolved(location: string, base: string): string | undefined {
  try {
    return new URL(location, base).href;
  } catch {
    return undefined;
  }
}

function collectOpaqueTokens(exchanges: readonly Exchange[]): OpaqueTokens {
  const seen = new Set<string>();
  const note = (value: unknown) => {
    // A JWT loses its signature instead; anything short or word-like would match too much ordinary text.
    if (typeof value === 'string' && TOKEN_LIKE.test(value) && value.split('.').length !== 3) seen.add(value);
  };
  const fromParams = (params: readonly HarNameValue[]) => {
    for (const name of OPAQUE_FORM_PARAMS) note(paramValue(params, name));
  };
  for (const exchange of exchanges) {
    const { request, response } = exchange;
    // The implicit flow hands tokens over in the redirect's fragment (or query); a Location may be relative.
    const location = response.redirectURL || headerValue(response, 'location');
    for (const url of [request.url, location ? resolved(location, request.url) : undefined]) {
      if (url) fromParams([...queryParams(url), ...fragmentParams(url)]);
    }
    note(/^bearer\s+(\S+)$/i.exec(headerValue(request, 'authorization') ?? '')?.[1]);
    fromParams(formParams(request));
    const json = jsonObject(contentText(response.content));
    for (const name of OPAQUE_JSON_MEMBERS) note(json?.[name]);
  }
  // Numbered in the order first seen; replaced longest first, so a token inside a longer one cannot leave a piece behind.
  const numbered = [...seen].map((value, i) => [value, `${REDACTED}-opaque-token-${i + 1}`] as const);
  return new Map(numbered.sort((a, b) => b[0].length - a[0].length));
}

function redactCookieList(value: string): string {
  return value
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? part : `${part.slice(0, eq)}=${REDACTED}`;
    })
    .join(';');
}

function redactSetCookie(value: string): string {
  const semi = value.indexOf(';');
  const first = semi < 0 ? value : value.slice(0, semi);
  const rest = semi < 0 ? '' : value.slice(semi);
  const eq = first.indexOf('=');
  return eq < 0 ? value : `${first.slice(0, eq)}=${REDACTED}${rest}`;
}

function redactHeader(header: HarNameValue, opaque: OpaqueTokens): HarNameValue {
  const name = header.name.toLowerCase();
  if (name === 'cookie') return { ...header, value: redactCookieList(header.value) };
  if (name === 'set-cookie') return { ...header, value: redactSetCookie(header.value) };
  if (name === 'authorization' || name === 'proxy-authorization') {
    // RFC 7617 §2: Basic credentials carry the password (for clients, the client secret).
    const scheme = header.value.split(' ')[0] ?? '';
    if (scheme.toLowerCase() === 'basic') return { ...header, value: `${scheme} ${REDACTED}` };
  }
  return { ...header, value: redactText(header.value, opaque) };
}

function redactParam(param: HarNameValue, opaque: OpaqueTokens): HarNameValue {
  return SECRET_NAMES.has(param.name.toLowerCase())
    ? { ...param, value: REDACTED }
    : { ...param, value: redactText(param.value, opaque) };
}

function redactCookie(cookie: HarCookie): HarCookie {
  return { ...cookie, value: REDACTED };
}

function redactPostData(postData: HarPostData | undefined, opaque: OpaqueTokens): HarPostData | undefined {
  if (!postData) return undefined;
  const copy: HarPostData = { ...postData };
  if (typeof copy.text === 'string' && copy._encoding !== 'base64') copy.text = redactText(copy.text, opaque);
  if (copy.params) {
    copy.params = copy.params.map((p) =>
      SECRET_NAMES.has(p.name.toLowerCase())
        ? { ...p, value: REDACTED }
        : { ...p, ...(p.value !== undefined ? { value: redactText(p.value, opaque) } : {}) },
    );
  }
  return copy;
}

/**
 * New exchanges with passwords, client secrets, cookie values and token signatures replaced by REDACTED, and every
 * opaque access or refresh token by a numbered placeholder (the same one wherever that token appears, so its use
 * across messages can still be followed). The structure (names, claims, order) stays, so a redacted recording still
 * teaches the flow. Authorization codes and PKCE verifiers are kept: they are single-use and already redeemed in a
 * recording, and the PKCE lesson recomputes the challenge from the verifier.
 */
export function redact(exchanges: readonly Exchange[]): Exchange[] {
  const opaque = collectOpaqueTokens(exchanges);
  return exchanges.map((exchange) => {
    const request = exchange.request;
    const response = exchange.response;
    const content = response.content;
    const redactedRequest = {
      ...request,
      url: redactText(request.url, opaque),
      headers: request.headers.map((h) => redactHeader(h, opaque)),
      queryString: request.queryString.map((p) => redactParam(p, opaque)),
      cookies: request.cookies.map(redactCookie),
    };
    const postData = redactPostData(request.postData, opaque);
    if (postData) redactedRequest.postData = postData;
    return {
      ...exchange,
      request: redactedRequest,
      response: {
        ...response,
        headers: response.headers.map((h) => redactHeader(h, opaque)),
        cookies: response.cookies.map(redactCookie),
        redirectURL: redactText(response.redirectURL, opaque),
        content:
          typeof content.text === 'string' && content.encoding !== 'base64'
            ? { ...content, text: redactText(content.text, opaque) }
            : { ...content },
      },
    };
  });
}
