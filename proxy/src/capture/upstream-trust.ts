// Whom the proxy trusts upstream: Node's roots, our own CA and the extra CAs given, except hosts named insecure.
import type { Duplex } from 'node:stream';
import { Agent as HttpsAgent, type RequestOptions } from 'node:https';
import * as tls from 'node:tls';

export interface UpstreamTrustOptions {
  /** Our own CA (PEM): local HTTPS servers signed by it can be reached. */
  localCaPem: string;
  /** Extra CA certificates (PEM): NODE_EXTRA_CA_CERTS and --upstream-ca. */
  upstreamCa?: string[];
  /** Host names whose certificates are not verified (--insecure-upstream). */
  insecureUpstream?: string[];
}

export interface UpstreamTrust {
  /** Verifies against the roots, our CA and the extra CAs. */
  verified: HttpsAgent;
  /** Builds the trust store now, if no upstream TLS connection has needed it yet (call once start-up is over). */
  warm(): void;
  /** For the hosts named insecure only: no certificate verification. */
  insecure: HttpsAgent;
  isInsecure(host: string): boolean;
}

/** A host name as compared: lower case, no IPv6 brackets, no trailing dot. */
export function hostKey(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/**
 * The roots Node would use by default. Given `ca`, createSecureContext replaces them (GUIDE §4), so they are listed
 * again: Node ≥ 22.15 names its default store (which includes --use-system-ca); older Node has the bundled roots.
 */
function defaultRoots(): readonly string[] {
  const get = (tls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates;
  return get ? get('default') : tls.rootCertificates;
}

/**
 * An agent whose trust store is built on its first connection: parsing the ~150 root certificates takes tens of ms,
 * which a start-up that never reaches an HTTPS upstream (or has not yet) need not wait for.
 */
class LazyTrustAgent extends HttpsAgent {
  private context: tls.SecureContext | undefined;

  constructor(private readonly build: () => tls.SecureContext) {
    super({ keepAlive: true });
  }

  secureContext(): tls.SecureContext {
    return (this.context ??= this.build());
  }

  override createConnection(
    options: RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const trusted: RequestOptions & Pick<tls.ConnectionOptions, 'secureContext'> = {
      ...options,
      secureContext: this.secureContext(),
    };
    return super.createConnection(trusted, callback);
  }
}

export function upstreamTrust(options: UpstreamTrustOptions): UpstreamTrust {
  // Built once: given as `ca`, Node would parse the ~150 root certificates again for every new upstream TLS
  // connection (about 27 ms here), which made up most of the time to first byte of a new HTTPS host.
  const verified = new LazyTrustAgent(() =>
    tls.createSecureContext({ ca: [...defaultRoots(), options.localCaPem, ...(options.upstreamCa ?? [])] }),
  );
  const insecureHosts = new Set((options.insecureUpstream ?? []).map(hostKey));
  return {
    verified,
    warm: () => void verified.secureContext(),
    insecure: new HttpsAgent({ keepAlive: true, rejectUnauthorized: false }),
    isInsecure: (host) => insecureHosts.size > 0 && insecureHosts.has(hostKey(host)),
  };
}
