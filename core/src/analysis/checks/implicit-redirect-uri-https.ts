// implicit.redirect-uri-https: a redirect URI that receives tokens in its URL uses TLS; plain http only as a loopback development allowance (RFC 6749 §3.1.2.1).
import { safeUrl } from '../../exchange-read.ts';
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationRequests } from './authorization-units.ts';
import { isLoopbackHost } from './redirect-uri-loopback-http.ts';

export default defineCheck(
  {
    id: 'implicit.redirect-uri-https',
    severity: 'should',
    title: 'tokens from the authorization endpoint go only to an https redirect URI',
    spec: [rfc(6749, '3.1.2.1')],
  },
  (env, emit) => {
    for (const { f, p, at, responseType } of authorizationRequests(env)) {
      if (responseType.includes('code') || !(responseType.includes('token') || responseType.includes('id_token')))
        continue;
      const redirect = p.get('redirect_uri');
      const u = redirect ? safeUrl(redirect) : undefined;
      if (!u) continue;
      if (u.protocol === 'https:')
        emit(f.id, 'pass', 'The tokens of this implicit request go to an https redirect URI.', [at('redirect_uri')]);
      else if (u.protocol === 'http:')
        emit(
          f.id,
          isLoopbackHost(u.hostname) ? 'warn' : 'fail',
          isLoopbackHost(u.hostname)
            ? `The tokens of this implicit request go to ${redirect} over plain http: tolerable only as a development allowance on this machine.`
            : `The tokens of this implicit request go to ${redirect} over plain http, readable by anyone on the path.`,
          [at('redirect_uri')],
        );
    }
  },
);
