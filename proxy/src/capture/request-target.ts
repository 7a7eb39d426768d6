// Where a request goes: its target parsed from what the client sent, validated before any socket is opened.
import type { IncomingMessage } from 'node:http';

/** A host (no brackets, lower case) and a port in 1–65535. */
export interface Authority {
  host: string;
  port: number;
}

/**
 * An authority as a client may name it (RFC 9110 §4.2.3, RFC 3986 §3.2.2): a host name or an IP literal in
 * brackets, then an optional port. Anything else (userinfo, spaces, percent signs, a port out of range) is refused:
 * the library would otherwise throw from deep inside a socket call.
 */
const AUTHORITY = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._~-]+)(?::(\d{1,5}))?$/;

export function parseAuthority(text: string | undefined, defaultPort: number | undefined): Authority | null {
  const m = text === undefined ? null : AUTHORITY.exec(text);
  if (!m) return null;
  const port = m[2] === undefined ? defaultPort : Number(m[2]);
  if (port === undefined || port < 1 || port > 65535) return null;
  const raw = m[1]!.toLowerCase();
  const host = raw.startsWith('[') ? raw.slice(1, -1) : raw;
  // http-mitm-proxy keeps its per-host servers in plain objects: `constructor` would find a prototype member.
  if (host in Object.prototype) return null;
  return { host, port };
}

/** `host:port` with IPv6 in brackets, the port left out when it is the scheme's default. */
export function formatAuthority(target: Authority, defaultPort?: number): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return target.port === defaultPort ? host : `${host}:${target.port}`;
}

/** The key the gateway and the mismatch check compare: always with the port. */
export function authorityKey(target: Authority): string {
  return formatAuthority(target);
}

/** An absolute-form request-target (RFC 9112 §3.2.2) split into scheme, authority text and origin-form path. */
export interface AbsoluteTarget {
  scheme: string;
  authority: string;
  path: string;
}

export function parseAbsoluteForm(target: string): AbsoluteTarget | null {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([/?#].*)?$/s.exec(target);
  if (!m) return null;
  const rest = m[3] ?? '/';
  return { scheme: m[1]!.toLowerCase(), authority: m[2]!, path: rest.startsWith('/') ? rest : `/${rest}` };
}

/** A CONNECT request-target is authority-form with a port (RFC 9110 §9.3.6). */
export function connectTarget(req: IncomingMessage): Authority | null {
  return parseAuthority(req.url, undefined);
}

/** The Host header as sent, or undefined (HTTP/1.0 clients may leave it out). */
export function hostHeader(req: IncomingMessage): string | undefined {
  const value = req.headers.host;
  return typeof value === 'string' ? value : undefined;
}
