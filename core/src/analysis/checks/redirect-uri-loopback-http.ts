// redirect-uri.loopback-http: a redirect URI uses TLS (RFC 6749 §3.1.2.1); plain http on a local host is a development exception only.
import { safeUrl } from '../../exchange-read.ts';
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationRequests } from './authorization-units.ts';

/** A host that only this machine reaches (localhost, *.localhost, loopback addresses): where a development setup runs. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

export default defineCheck(
  {
    id: 'redirect-uri.loopback-http',
    severity: 'should',
    title: 'redirect URI uses TLS (plain http only on a local development host)',
    spec: [rfc(6749, '3.1.2.1')],
  },
  (env, emit) => {
    for (const { f, p, at } of authorizationRequests(env)) {
      const redirect = p.get('redirect_uri');
      if (!redirect) continue;
      const u = safeUrl(redirect);
      if (u && u.protocol === 'http:' && !isLoopbackHost(u.hostname))
        emit(
          f.id,
          'fail',
          `redirect_uri ${redirect} uses plain http on a host other machines reach, so the code travels unprotected: the redirection endpoint should require TLS.`,
          [at('redirect_uri')],
        );
      else
        emit(
          f.id,
          'pass',
          u?.protocol === 'http:'
            ? 'redirect_uri uses plain http on a local host: a development exception to the TLS the redirection endpoint should require, never for a deployed app (the loopback allowance of RFC 8252 §7.3 is for native apps).'
            : 'redirect_uri does not use plain http.',
          [at('redirect_uri')],
        );
    }
  },
);
