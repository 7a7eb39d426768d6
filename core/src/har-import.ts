// Tolerant HAR import: DevTools, Firefox, Charles, Fiddler, HTTP Toolkit and mitmproxy files (BOM, nulls, missing fields, base64 bodies) → Exchanges.
import type { Channel, Exchange, HarCookie, HarNameValue, HarPostData } from './har.ts';
import { headerValue, queryParams } from './exchange-read.ts';

export type HarImportResult =
  | { ok: true; exchanges: Exchange[]; warnings: string[]; creator?: string }
  | { ok: false; code: string; message: string };

type Loose = Record<string, unknown>;

function isObject(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : fallback;
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : fallback;
}

function pairs(v: unknown): HarNameValue[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter(isObject)
    .filter((p) => typeof p.name === 'string')
    .map((p) => ({ name: p.name as string, value: str(p.value) }));
}

function cookies(v: unknown): HarCookie[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter(isObject)
    .filter((c) => typeof c.name === 'string')
    .map((c) => {
      const cookie: HarCookie = { name: c.name as string, value: str(c.value) };
      if (typeof c.path === 'string') cookie.path = c.path;
      if (typeof c.domain === 'string') cookie.domain = c.domain;
      if (typeof c.expires === 'string') cookie.expires = c.expires;
      if (typeof c.httpOnly === 'boolean') cookie.httpOnly = c.httpOnly;
      if (typeof c.secure === 'boolean') cookie.secure = c.secure;
      if (typeof c.sameSite === 'string') cookie.sameSite = c.sameSite;
      return cookie;
    });
}

function queryOf(url: string, given: unknown): HarNameValue[] {
  const list = pairs(given);
  return list.length > 0 ? list : queryParams(url);
}

function postDataOf(v: unknown): HarPostData | undefined {
  if (!isObject(v)) return undefined;
  const out: HarPostData = { mimeType: str(v.mimeType) };
  if (typeof v.text === 'string') out.text = v.text;
  if (Array.isArray(v.params))
    out.params = v.params
      .filter(isObject)
      .filter((p) => typeof p.name === 'string')
      .map((p) => ({ name: p.name as string, value: str(p.value) }));
  // Base64 request bodies: `_encoding` (our writer, HTTP Toolkit) or `encoding` (some exporters).
  if (v._encoding === 'base64' || v.encoding === 'base64') out._encoding = 'base64';
  return out;
}

function entryToExchange(e: Loose, index: number, warnings: Set<string>): Exchange {
  const req = isObject(e.request) ? e.request : {};
  const res = isObject(e.response) ? e.response : {};
  if (!isObject(e.request)) warnings.add('Some entries have no request; they were kept with empty values.');
  if (!isObject(e.response)) warnings.add('Some entries have no response; they are shown as pending.');
  const url = str(req.url);
  const content = isObject(res.content) ? res.content : {};
  const startedDateTime = str(e.startedDateTime);
  if (!startedDateTime || Number.isNaN(Date.parse(startedDateTime)))
    warnings.add('Some entries have no start time, so token times cannot be compared with the capture time.');
  const headersRes = pairs(res.headers);
  const location = headerValue(headersRes, 'location') ?? '';
  const postData = postDataOf(req.postData);
  const status = num(res.status, 0);
  const channel: Channel = e._channel === 'browser' || e._channel === 'back-channel' ? e._channel : 'other';
  const exchange: Exchange = {
    _id: typeof e._id === 'string' && e._id ? e._id : `e${index}`,
    _seq: index,
    _channel: channel,
    _state:
      e._state === 'pending' || e._state === 'failed'
        ? e._state
        : isObject(e.response) && status > 0
          ? 'complete'
          : isObject(e.response)
            ? 'failed'
            : 'pending',
    startedDateTime,
    time: num(e.time, 0),
    request: {
      method: str(req.method, 'GET').toUpperCase() || 'GET',
      url,
      httpVersion: str(req.httpVersion, 'HTTP/1.1'),
      headers: pairs(req.headers),
      queryString: queryOf(url, req.queryString),
      cookies: cookies(req.cookies),
      ...(postData ? { postData } : {}),
      headersSize: num(req.headersSize, -1),
      bodySize: num(req.bodySize, -1),
    },
    response: {
      status,
      statusText: str(res.statusText),
      httpVersion: str(res.httpVersion, 'HTTP/1.1'),
      headers: headersRes,
      cookies: cookies(res.cookies),
      content: {
        size: num(content.size, -1),
        mimeType: str(content.mimeType),
        ...(typeof content.text === 'string' ? { text: content.text } : {}),
        ...(content.encoding === 'base64' ? { encoding: 'base64' as const } : {}),
      },
      redirectURL: str(res.redirectURL, location),
      headersSize: num(res.headersSize, -1),
      bodySize: num(res.bodySize, -1),
    },
    cache: isObject(e.cache) ? e.cache : {},
    timings: isObject(e.timings)
      ? { send: num(e.timings.send, 0), wait: num(e.timings.wait, 0), receive: num(e.timings.receive, 0) }
      : { send: 0, wait: 0, receive: 0 },
  };
  if (isObject(e._error) && typeof e._error.code === 'string')
    exchange._error = { code: e._error.code, message: str(e._error.message) };
  const mismatch = e._hostMismatch;
  if (isObject(mismatch) && typeof mismatch.header === 'string' && typeof mismatch.target === 'string')
    exchange._hostMismatch = { header: mismatch.header, target: mismatch.target };
  if (e._insecureUpstream === true) exchange._insecureUpstream = true;
  if (typeof e._resourceType === 'string' && e._resourceType) exchange._resourceType = e._resourceType;
  if (typeof e.serverIPAddress === 'string') exchange.serverIPAddress = e.serverIPAddress;
  if (typeof e.pageref === 'string') exchange.pageref = e.pageref;
  return exchange;
}

function entriesOf(entries: unknown[]): Loose[] {
  return entries.filter(isObject);
}

/**
 * A file we wrote (a recording, an export, redacted or not) keeps its `_seq`, so an exchange has the same number
 * (`#5`, exchange-number.ts) live, in the file and re-opened, even when the session has gaps (an exchange still
 * in flight when the proxy stopped is never journaled). Any missing, non-integer or repeated `_seq` (DevTools,
 * a concatenated file) numbers every entry by position instead.
 */
function keepCaptureNumbers(exchanges: Exchange[], entries: Loose[]): void {
  const given = entries.map((e) => e._seq);
  const valid = given.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0);
  if (!valid || new Set(given).size !== given.length) return;
  exchanges.forEach((x, i) => (x._seq = given[i] as number));
}

/** Reads a HAR file's text. Never throws: anything that is not HAR gives ok:false with one sentence saying why. */
export function importHar(text: string): HarImportResult {
  if (typeof text !== 'string')
    return { ok: false, code: 'har-not-text', message: 'The file could not be read as text.' };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '')
    return {
      ok: false,
      code: 'har-empty',
      message: 'The file is empty; a HAR file is a JSON document with a "log" object.',
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {
      ok: false,
      code: 'har-not-json',
      message: 'The file is not JSON, so it is not a HAR file (export it again as "HAR" from your browser or proxy).',
    };
  }
  if (!isObject(parsed) || !isObject(parsed.log)) {
    return {
      ok: false,
      code: 'har-no-log',
      message: 'The file is JSON but has no "log" object, so it is not a HAR file.',
    };
  }
  const log = parsed.log;
  if (!Array.isArray(log.entries))
    return { ok: false, code: 'har-no-entries', message: 'The HAR file has no "entries" list in its "log".' };
  const warnings = new Set<string>();
  if (typeof log.version !== 'string') warnings.add('The HAR file does not state its version; read as HAR 1.2.');
  const exchanges: Exchange[] = [];
  log.entries.forEach((e, i) => {
    if (!isObject(e)) {
      warnings.add('Some entries are not objects and were skipped.');
      return;
    }
    exchanges.push(entryToExchange(e, exchanges.length, warnings));
  });
  keepCaptureNumbers(exchanges, entriesOf(log.entries));
  // Ids must be unique within a session: duplicated `_id`s from a concatenated file get positional ids.
  // A new id must not be one a later entry already has (a kept `_seq` can name another entry's `e<seq>`).
  const taken = new Set(exchanges.map((x) => x._id));
  const seen = new Set<string>();
  for (const x of exchanges) {
    if (seen.has(x._id)) {
      let id = `e${x._seq}`;
      for (let n = 2; taken.has(id); n++) id = `e${x._seq}-${n}`;
      x._id = id;
      taken.add(id);
    }
    seen.add(x._id);
  }
  const creator =
    isObject(log.creator) && typeof log.creator.name === 'string'
      ? `${log.creator.name}${typeof log.creator.version === 'string' && log.creator.version ? ` ${log.creator.version}` : ''}`
      : undefined;
  return { ok: true, exchanges, warnings: [...warnings], ...(creator ? { creator } : {}) };
}
