// The exchange model: HAR 1.2 entries plus the few `_` fields OAuth Inspector adds (see GUIDE §3.1).

/** A header, query parameter or form field: HAR keeps order and duplicates. */
export interface HarNameValue {
  name: string;
  value: string;
  comment?: string;
}

export interface HarCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  /** ISO 8601 date, as HAR 1.2 writes it. */
  expires?: string;
  httpOnly?: boolean;
  secure?: boolean;
  /** Not in HAR 1.2 itself; DevTools and Firefox write it. */
  sameSite?: string;
  comment?: string;
}

export interface HarPostParam {
  name: string;
  value?: string;
  fileName?: string;
  contentType?: string;
}

export interface HarPostData {
  mimeType: string;
  text?: string;
  params?: HarPostParam[];
  /** Set when `text` holds base64 of a binary body (a widespread HAR extension). */
  _encoding?: 'base64';
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  headers: HarNameValue[];
  queryString: HarNameValue[];
  cookies: HarCookie[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
}

export interface HarContent {
  /** Length of the decoded body in bytes (-1 when unknown). */
  size: number;
  /** Bytes saved by content encoding: size minus bytes on the wire. */
  compression?: number;
  mimeType: string;
  /** The decoded body: plain text, or base64 when `encoding` says so. */
  text?: string;
  encoding?: 'base64';
  comment?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: HarNameValue[];
  cookies: HarCookie[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  send: number;
  wait: number;
  receive: number;
  ssl?: number;
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, unknown>;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
  comment?: string;
}

/** Who sent a request: the learner's browser, a server-side component (the API's JWKS download), or unknown. */
export type Channel = 'browser' | 'back-channel' | 'other';

/** Where an exchange is in its life: request seen, response complete, or failed without a response. */
export type ExchangeState = 'pending' | 'complete' | 'failed';

/** A failure recorded instead of (or on top of) a response, with a stable code. */
export interface ExchangeError {
  /** Stable code, e.g. `upstream-refused`, `upstream-timeout`, `tls-error`, `client-aborted`. */
  code: string;
  /** One sentence saying what went wrong. */
  message: string;
}

/** Which parts of the record were cut at the configured body cap (the client always got everything). */
export interface ExchangeTruncation {
  request?: boolean;
  response?: boolean;
  /** The cap in bytes that applied. */
  limit: number;
}

/** One HTTP request/response pair as OAuth Inspector stores, sends and analyzes it. */
export interface Exchange extends HarEntry {
  /** Stable within a session; imports get ids derived from their position. */
  _id: string;
  _channel: Channel;
  /** How a live capture received it: as the gateway in front of the sample's origins, or as a forward proxy. */
  _via?: 'gateway' | 'forward-proxy';
  _state: ExchangeState;
  _error?: ExchangeError;
  _truncated?: ExchangeTruncation;
  /** Sequence number in capture order (0-based); imports use entry order. */
  _seq: number;
  /** The request's Host header named another authority than the one the proxy connected to (recorded in `url`). */
  _hostMismatch?: { header: string; target: string };
  _insecureUpstream?: true;
  /** DevTools' resource type (`document`, `script`, `stylesheet`, `xhr`, …), kept from an imported HAR. */
  _resourceType?: string;
}

export interface HarCreator {
  name: string;
  version: string;
  comment?: string;
}

export interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: { onContentLoad?: number; onLoad?: number };
}

export interface HarLog {
  version: string;
  creator: HarCreator;
  browser?: HarCreator;
  pages?: HarPage[];
  entries: Exchange[];
  comment?: string;
}

export interface HarFile {
  log: HarLog;
}
