// Test fixture builder: anExchange({...}) makes a complete, valid Exchange from the few fields a test cares about.
import type { Channel, Exchange, HarNameValue } from '../har.ts';

export interface ExchangeSketch {
  id?: string;
  seq?: number;
  method?: string;
  url: string;
  channel?: Channel;
  /** ISO time; defaults to a fixed instant so tests are deterministic. */
  at?: string;
  /** How long the exchange took, in milliseconds (HAR `time`); 1 unless told. */
  time?: number;
  requestHeaders?: Record<string, string> | HarNameValue[];
  /** Form body (`application/x-www-form-urlencoded`) or a raw text body with its mime type. */
  form?: Record<string, string>;
  requestBody?: { mimeType: string; text: string };
  status?: number;
  responseHeaders?: Record<string, string> | HarNameValue[];
  /** A JSON body (serialized) or raw text with a mime type. */
  json?: unknown;
  responseBody?: { mimeType: string; text: string };
  state?: Exchange['_state'];
  error?: Exchange['_error'];
}

const FIXED_TIME = '2026-01-01T10:00:00.000Z';
let counter = 0;

function toPairs(headers: Record<string, string> | HarNameValue[] | undefined): HarNameValue[] {
  if (!headers) return [];
  return Array.isArray(headers) ? headers : Object.entries(headers).map(([name, value]) => ({ name, value }));
}

export function anExchange(sketch: ExchangeSketch): Exchange {
  const seq = sketch.seq ?? counter++;
  const url = new URL(sketch.url);
  const requestHeaders = [{ name: 'Host', value: url.host }, ...toPairs(sketch.requestHeaders)];
  const responseHeaders = toPairs(sketch.responseHeaders);
  let postData: Exchange['request']['postData'];
  if (sketch.form) {
    const text = new URLSearchParams(sketch.form).toString();
    postData = { mimeType: 'application/x-www-form-urlencoded', text };
    requestHeaders.push({ name: 'Content-Type', value: 'application/x-www-form-urlencoded' });
  } else if (sketch.requestBody) {
    postData = { mimeType: sketch.requestBody.mimeType, text: sketch.requestBody.text };
    requestHeaders.push({ name: 'Content-Type', value: sketch.requestBody.mimeType });
  }
  let content: Exchange['response']['content'] = { size: 0, mimeType: '' };
  if (sketch.json !== undefined) {
    const text = JSON.stringify(sketch.json);
    content = { size: text.length, mimeType: 'application/json', text };
    if (!responseHeaders.some((h) => h.name.toLowerCase() === 'content-type')) {
      responseHeaders.push({ name: 'Content-Type', value: 'application/json' });
    }
  } else if (sketch.responseBody) {
    content = {
      size: sketch.responseBody.text.length,
      mimeType: sketch.responseBody.mimeType,
      text: sketch.responseBody.text,
    };
  }
  const status = sketch.status ?? 200;
  const location = responseHeaders.find((h) => h.name.toLowerCase() === 'location')?.value ?? '';
  const at = sketch.at ?? new Date(Date.parse(FIXED_TIME) + seq * 100).toISOString();
  return {
    _id: sketch.id ?? `x${seq}`,
    _seq: seq,
    _channel: sketch.channel ?? 'browser',
    _state: sketch.state ?? (sketch.error ? 'failed' : 'complete'),
    ...(sketch.error ? { _error: sketch.error } : {}),
    startedDateTime: at,
    time: sketch.time ?? 1,
    request: {
      method: sketch.method ?? (postData ? 'POST' : 'GET'),
      url: sketch.url,
      httpVersion: 'HTTP/1.1',
      headers: requestHeaders,
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: postData?.text?.length ?? 0,
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: responseHeaders,
      cookies: [],
      content,
      redirectURL: location,
      headersSize: -1,
      bodySize: content.size,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  };
}
