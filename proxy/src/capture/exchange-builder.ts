// Builds an exchange from what the proxy saw of one request and its response, beside har-build's HAR parts.
import type { IncomingMessage } from 'node:http';
import { headerValue, queryParams, requestCookiesOf } from '@oauth-inspector/core';
import type { Exchange, ExchangeError, ExchangeState } from '@oauth-inspector/core';
import type { BodyTap } from './body-tap.ts';
import { channelOf } from './channel.ts';
import { headersFromRaw, postData, responseCookies, responseContent } from './har-build.ts';
import { exchangeTimings, type ClockMarks } from './timings.ts';

export interface ExchangeStart {
  id: string;
  seq: number;
  req: IncomingMessage;
  /** The URL of where the request went (the target the proxy connected to, or the gateway name the browser used). */
  url: string;
  viaGateway: boolean;
  hostMismatch?: { header: string; target: string };
  /** The upstream's certificate is not verified (--insecure-upstream). */
  insecureUpstream?: boolean;
}

/**
 * The time now in ISO 8601 (as Date#toISOString): formatting a Date costs more than a microsecond, so the text up to
 * the second is made once a second and the milliseconds are put after it.
 */
let isoSecond = { second: -1, prefix: '' };
export function isoNow(ms = Date.now()): string {
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond.second) isoSecond = { second, prefix: new Date(second * 1000).toISOString().slice(0, -4) };
  const millis = ms - second * 1000;
  return `${isoSecond.prefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/** A new pending exchange: the request as received, the response still empty. */
export function newExchange(start: ExchangeStart): Exchange {
  const { req, url, viaGateway } = start;
  const headers = headersFromRaw(req.rawHeaders);
  const exchange: Exchange = {
    _id: start.id,
    _seq: start.seq,
    _channel: channelOf({ viaGateway, viaForwardProxy: !viaGateway, headers: req.headers }),
    _via: viaGateway ? 'gateway' : 'forward-proxy',
    _state: 'pending',
    startedDateTime: isoNow(),
    time: 0,
    request: {
      method: req.method ?? 'GET',
      url,
      httpVersion: `HTTP/${req.httpVersion}`,
      headers,
      queryString: queryParams(url),
      // Node's parsed header map says at no cost whether there is anything for core's cookie reader to read.
      cookies: req.headers.cookie === undefined ? [] : requestCookiesOf(headers),
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 0,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: [],
      cookies: [],
      content: { size: 0, mimeType: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
  if (start.hostMismatch) exchange._hostMismatch = start.hostMismatch;
  if (start.insecureUpstream) exchange._insecureUpstream = true;
  return exchange;
}

/** Records the upstream's status line and headers; returns the headers for the body to be decoded against. */
export function recordResponseHead(exchange: Exchange, upstream: IncomingMessage): Exchange['response']['headers'] {
  const headers = headersFromRaw(upstream.rawHeaders);
  exchange.response = {
    status: upstream.statusCode ?? 0,
    statusText: upstream.statusMessage ?? '',
    httpVersion: `HTTP/${upstream.httpVersion}`,
    headers,
    cookies: upstream.headers['set-cookie'] === undefined ? [] : responseCookies(headers),
    content: exchange.response.content,
    redirectURL: upstream.headers.location === undefined ? '' : (headerValue(headers, 'location') ?? ''),
    headersSize: -1,
    bodySize: -1,
  };
  const remote = upstream.socket?.remoteAddress;
  if (remote) exchange.serverIPAddress = remote.startsWith('::ffff:') ? remote.slice(7) : remote;
  return headers;
}

function markTruncated(exchange: Exchange, cap: number, part: 'request' | 'response'): void {
  exchange._truncated = { ...(exchange._truncated ?? { limit: cap }), [part]: true };
}

/** Records the response body once the upstream has sent all of it. */
export function recordResponseBody(exchange: Exchange, headers: Exchange['response']['headers'], tap: BodyTap): void {
  const { content, truncated } = responseContent(headers, tap);
  exchange.response.content = content;
  exchange.response.bodySize = tap.total;
  if (truncated) markTruncated(exchange, tap.cap, 'response');
}

/** Closes the record: request body, timings, final state and the failure if there was one. */
export function sealExchange(
  exchange: Exchange,
  marks: ClockMarks,
  requestTap: BodyTap,
  state: ExchangeState,
  error?: ExchangeError,
): void {
  const { timings, time } = exchangeTimings(marks, performance.now());
  exchange.timings = timings;
  exchange.time = time;
  exchange._state = state;
  const requestPost = postData(exchange.request.headers, requestTap);
  if (requestPost) exchange.request.postData = requestPost;
  exchange.request.bodySize = requestTap.total;
  if (requestTap.truncated) markTruncated(exchange, requestTap.cap, 'request');
  if (error) exchange._error = error;
}
