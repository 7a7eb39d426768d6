// cookie.attributes: the authorization server's session cookies have sound attributes; SameSite=None needs Secure (RFC 6265bis §4.1.2).
import { defineCheck } from './check.ts';
import { COOKIES } from './spec-refs.ts';
import { labelled } from './units.ts';
import { sessionCookies } from '../recognizers.ts';

export default defineCheck(
  { id: 'cookie.attributes', severity: 'should', title: 'session cookie attributes sound', spec: [COOKIES] },
  (env, emit) => {
    for (const f of labelled(env, 'sso-cookie')) {
      for (const c of sessionCookies(f, env.ctx)) {
        const sameSite = typeof c.attributes.samesite === 'string' ? c.attributes.samesite.toLowerCase() : undefined;
        const secure = c.attributes.secure !== undefined;
        const httpOnly = c.attributes.httponly !== undefined;
        const notes = `SameSite=${sameSite ?? '(default Lax)'}, ${secure ? 'Secure' : 'not Secure'}, ${httpOnly ? 'HttpOnly' : 'readable by scripts'}`;
        const ev = [
          { exchangeId: f.id, label: `Set-Cookie ${c.name}`, value: c.raw, location: 'response.header.set-cookie' },
        ];
        if (sameSite === 'none' && !secure)
          emit(f.id, 'fail', `${c.name}: SameSite=None without Secure is rejected by browsers (${notes}).`, ev);
        else if (!httpOnly) emit(f.id, 'warn', `${c.name} is readable by scripts (${notes}).`, ev);
        else emit(f.id, 'pass', `${c.name}: ${notes}.`, ev);
      }
    }
  },
);
