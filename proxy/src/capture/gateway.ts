// The gateway's one retarget rule: a request named for one of the sample's origins goes to where it really runs.
import { authorityKey, parseAuthority, type Authority } from './request-target.ts';

/** One of the sample's origins as the browser names it (`web.localhost:8080`) and where it really runs. */
export interface GatewayRoute {
  host: string;
  upstream: string;
}

export class Gateway {
  private routes = new Map<string, Authority>();

  /** Replaces every route. An upstream that is not an http URL is a programming error and throws. */
  set(list: readonly GatewayRoute[]): void {
    const next = new Map<string, Authority>();
    for (const route of list) {
      const name = parseAuthority(route.host, 80);
      const upstream = new URL(route.upstream);
      if (!name) throw new Error(`Gateway host ${route.host} is not a host name with an optional port.`);
      next.set(authorityKey(name), {
        host: upstream.hostname.replace(/^\[|\]$/g, ''),
        port: Number(upstream.port || 80),
      });
    }
    this.routes = next;
  }

  /**
   * Where a request for `target` really goes: the route's upstream when `target` is one of the sample's names,
   * otherwise undefined. HTTP requests and WebSocket upgrades both ask here, so they cannot disagree.
   */
  retarget(target: Authority): Authority | undefined {
    return this.routes.get(authorityKey(target));
  }

  /** The names the gateway answers for, for the proxy's own help page. */
  names(): string[] {
    return [...this.routes.keys()];
  }
}
