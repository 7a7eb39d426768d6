// One exchange with every credential found by meaning rewritten: headers, URLs, parameters, cookies and bodies.
import type { Exchange, HarCookie, HarNameValue, HarPostData, HarPostParam } from '../har.ts';
import { AUTHORIZATION_HEADERS, credentialHeaderKind, credentialKind, URL_HEADERS } from './credential-fields.ts';
import { rewriteAuthorization } from './authorization.ts';
import { editBody, rewriteBodyText } from './body.ts';
import { rewriteCookieHeader } from './cookies.ts';
import { rewriteUrl } from './params.ts';
import type { Rewrite, RewriteContext } from './rewrite.ts';

function rewriteHeader(header: HarNameValue, rewrite: Rewrite, context: RewriteContext): HarNameValue {
  const name = header.name.toLowerCase();
  const value = header.value;
  let out = value;
  if (AUTHORIZATION_HEADERS.has(name)) out = rewriteAuthorization(value, rewrite, context);
  else if (name === 'cookie' || name === 'set-cookie') out = rewriteCookieHeader(name, value, rewrite);
  else if (URL_HEADERS.has(name)) out = rewriteUrl(value, rewrite);
  else {
    const kind = credentialHeaderKind(name);
    // `X-Auth-Token: Bearer …` keeps its scheme; a bare key is rewritten whole.
    if (kind)
      out = /\s/.test(value.trim())
        ? rewriteAuthorization(value, rewrite, context)
        : value === ''
          ? value
          : rewrite(value, kind);
  }
  return out === value ? header : { ...header, value: out };
}

/** A HAR name/value list (queryString, postData.params) with the values of credential names rewritten. */
function rewritePairs<T extends HarNameValue | HarPostParam>(pairs: readonly T[], rewrite: Rewrite): T[] {
  return pairs.map((pair) => {
    const kind = credentialKind(pair.name);
    if (!kind || typeof pair.value !== 'string') return pair;
    const out = rewrite(pair.value, kind);
    return out === pair.value ? pair : { ...pair, value: out };
  });
}

function rewriteCookies(cookies: readonly HarCookie[], rewrite: Rewrite): HarCookie[] {
  return cookies.map((cookie) => {
    const out = typeof cookie.value === 'string' ? rewrite(cookie.value, 'cookie') : cookie.value;
    return out === cookie.value ? cookie : { ...cookie, value: out };
  });
}

function rewritePostData(postData: HarPostData, rewrite: Rewrite, context: RewriteContext): HarPostData {
  const copy: HarPostData = { ...postData };
  if (typeof copy.text === 'string') {
    copy.text = editBody(copy.text, copy._encoding === 'base64', (plain) =>
      rewriteBodyText(plain, copy.mimeType ?? '', rewrite, context),
    );
  }
  if (copy.params) copy.params = rewritePairs(copy.params, rewrite);
  return copy;
}

/** Whether the request is an OAuth client's call to the server (RFC 6749 §3.2 token, RFC 7662 §2.1, RFC 7009 §2.1). */
function isClientCall(exchange: Exchange): boolean {
  const body = exchange.request.postData?.text ?? '';
  return (
    /(^|[&"\s{,])(grant_type|token)("?\s*[=:])/.test(body) ||
    (exchange.request.postData?.params ?? []).some((p) => p.name === 'grant_type' || p.name === 'token')
  );
}

/** A WebSocket frame as Chromium's DevTools writes it in a HAR (`_webSocketMessages`); opcode 1 is text (RFC 6455 §5.6). */
interface WebSocketMessage {
  opcode?: number;
  data?: unknown;
}

/** The text frames of an imported DevTools HAR, each read as a body of its own (JSON, a form …). */
function rewriteWebSocketMessages(messages: unknown, rewrite: Rewrite, context: RewriteContext): unknown {
  if (!Array.isArray(messages)) return messages;
  return messages.map((message: WebSocketMessage) => {
    if (message === null || typeof message !== 'object' || typeof message.data !== 'string') return message;
    if (message.opcode !== undefined && message.opcode !== 1) return message;
    const data = rewriteBodyText(message.data, '', rewrite, context);
    return data === message.data ? message : { ...message, data };
  });
}

/** A new exchange with every credential `rewrite` is asked about replaced by its answer; the input is not changed. */
export function rewriteExchange(exchange: Exchange, rewrite: Rewrite): Exchange {
  const context: RewriteContext = { client: isClientCall(exchange) };
  const { request, response } = exchange;
  const content = response.content;
  const newRequest = {
    ...request,
    url: rewriteUrl(request.url, rewrite),
    headers: request.headers.map((h) => rewriteHeader(h, rewrite, context)),
    queryString: rewritePairs(request.queryString, rewrite),
    cookies: rewriteCookies(request.cookies, rewrite),
  };
  if (request.postData) newRequest.postData = rewritePostData(request.postData, rewrite, context);
  const text =
    typeof content.text === 'string'
      ? editBody(content.text, content.encoding === 'base64', (plain) =>
          rewriteBodyText(plain, content.mimeType ?? '', rewrite, context),
        )
      : undefined;
  const webSocket = (exchange as { _webSocketMessages?: unknown })._webSocketMessages;
  return {
    ...exchange,
    ...(webSocket === undefined ? {} : { _webSocketMessages: rewriteWebSocketMessages(webSocket, rewrite, context) }),
    request: newRequest,
    response: {
      ...response,
      headers: response.headers.map((h) => rewriteHeader(h, rewrite, context)),
      cookies: rewriteCookies(response.cookies, rewrite),
      redirectURL:
        typeof response.redirectURL === 'string' ? rewriteUrl(response.redirectURL, rewrite) : response.redirectURL,
      content: text === undefined ? { ...content } : { ...content, text },
    },
  };
}
