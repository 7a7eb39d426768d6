// Decides where one request goes and what its record says, from the request-target, the CONNECT and the gateway.
import type { IContext } from 'http-mitm-proxy';
import type { Gateway } from './gateway.ts';
import { originalUrl } from './mitm-adapter.ts';
import {
  authorityKey,
  connectTarget,
  formatAuthority,
  hostHeader,
  parseAbsoluteForm,
  parseAuthority,
  type Authority,
} from './request-target.ts';

export type RequestPlan =
  /** An origin-form request for a name the gateway does not front: it is addressed to the proxy itself. */
  | { kind: 'proxy-itself' }
  /** A target the proxy cannot connect to (a bad port, a garbage host, a scheme it does not forward). */
  | { kind: 'bad-target'; url: string; reason: string }
  | {
      kind: 'route';
      /** What the record says: the target the proxy connected to, or the gateway name the browser used. */
      url: string;
      origin: string;
      /** Where the proxy actually opens its connection. */
      connect: Authority;
      path: string;
      viaGateway: boolean;
      hostMismatch?: { header: string; target: string };
    };

function route(
  scheme: string,
  named: Authority,
  path: string,
  connect: Authority,
  viaGateway: boolean,
  host: string | undefined,
): RequestPlan {
  const defaultPort = scheme === 'https' ? 443 : 80;
  const origin = `${scheme}://${formatAuthority(named, defaultPort)}`;
  const plan: RequestPlan = { kind: 'route', url: `${origin}${path}`, origin, connect, path, viaGateway };
  // The record follows where the bytes went; a Host naming elsewhere is kept in the headers and flagged.
  const claimed = host === undefined ? undefined : parseAuthority(host, defaultPort);
  if (host !== undefined && (!claimed || authorityKey(claimed) !== authorityKey(named))) {
    plan.hostMismatch = { header: host, target: formatAuthority(named, defaultPort) };
  }
  return plan;
}

/**
 * Inside a CONNECT tunnel the target is the CONNECT authority (RFC 9110 §9.3.6), whatever the Host header says;
 * intercepted TLS reached without a CONNECT falls back to Host.
 */
function planTunneled(ctx: IContext, gateway: Gateway, sent: string, host: string | undefined): RequestPlan {
  const scheme = ctx.isSSL ? 'https' : 'http';
  const tunnel = ctx.connectRequest;
  const path = sent.startsWith('/') ? sent : (parseAbsoluteForm(sent)?.path ?? '/');
  const named = tunnel ? connectTarget(tunnel) : parseAuthority(host, ctx.isSSL ? 443 : 80);
  if (!named)
    return {
      kind: 'bad-target',
      url: `${scheme}://${tunnel?.url ?? host ?? ''}${path}`,
      reason: 'the tunnel names no valid host and port',
    };
  const upstream = ctx.isSSL ? undefined : gateway.retarget(named);
  return route(scheme, named, path, upstream ?? named, false, host);
}

export function planRequest(ctx: IContext, gateway: Gateway): RequestPlan {
  const req = ctx.clientToProxyRequest;
  const sent = originalUrl(req);
  const host = hostHeader(req);
  if (ctx.isSSL || ctx.connectRequest) return planTunneled(ctx, gateway, sent, host);
  if (sent.startsWith('/')) {
    // Origin-form (RFC 9112 §3.2.1): only the gateway's names are served; Host is what the browser named.
    const named = parseAuthority(host, 80);
    const upstream = named && gateway.retarget(named);
    return named && upstream ? route('http', named, sent, upstream, true, host) : { kind: 'proxy-itself' };
  }
  // Absolute-form (RFC 9112 §3.2.2): the request-target names the server, not the Host header.
  const absolute = parseAbsoluteForm(sent);
  if (!absolute)
    return { kind: 'bad-target', url: sent, reason: 'the request-target is neither a path nor an absolute http URL' };
  if (absolute.scheme !== 'http')
    return {
      kind: 'bad-target',
      url: sent,
      reason: `${absolute.scheme} URLs go through CONNECT, not as a request-target`,
    };
  const named = parseAuthority(absolute.authority, 80);
  if (!named)
    return { kind: 'bad-target', url: sent, reason: 'its host or port is not valid (ports run from 1 to 65535)' };
  return route('http', named, absolute.path, gateway.retarget(named) ?? named, false, host);
}
