// redirect-uri.loopback-http: a plain http redirect URI only for loopback hosts (RFC 9700 §2.6; RFC 8252 §7.3).
import { safeUrl } from '../../exchange-read.ts';
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationRequests } from './authorization-units.ts';

/** RFC 8252 §7.3 / RFC 9700 §2.6: loopback hosts may use plain http. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

export default defineCheck(
  {
    id: 'redirect-uri.loopback-http',
    severity: 'must',
    title: 'plain http redirect URIs only for loopback',
    spec: [rfc(9700, '2.6')],
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
          `redirect_uri ${redirect} uses plain http on a host that is not loopback, so the code travels unprotected.`,
          [at('redirect_uri')],
        );
      else
        emit(
          f.id,
          'pass',
          u?.protocol === 'http:'
            ? 'redirect_uri uses http on a loopback host, which is allowed.'
            : 'redirect_uri does not use plain http.',
          [at('redirect_uri')],
        );
    }
  },
);
