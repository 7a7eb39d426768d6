// Checks on session cookies, RP-initiated logout and metadata (RFC 6265bis, OpenID RP-Initiated Logout, RFC 8414).
import type { CheckEnv } from './check-env.ts';
import { sessionCookies } from './recognizers.ts';

export async function checkSessions(env: CheckEnv): Promise<void> {
  for (const f of env.units.facts) {
    if (!env.dirty(f.id)) continue;
    const l = env.labels.get(f.id)!;
    if (l.has('sso-cookie')) {
      for (const c of sessionCookies(f, env.ctx)) {
        const sameSite = typeof c.attributes.samesite === 'string' ? c.attributes.samesite.toLowerCase() : undefined;
        const secure = c.attributes.secure !== undefined;
        const httpOnly = c.attributes.httponly !== undefined;
        const notes = `SameSite=${sameSite ?? '(default Lax)'}, ${secure ? 'Secure' : 'not Secure'}, ${httpOnly ? 'HttpOnly' : 'readable by scripts'}`;
        const ev = [{ exchangeId: f.id, label: `Set-Cookie ${c.name}`, value: c.raw, location: 'response.header.set-cookie' }];
        if (sameSite === 'none' && !secure) env.emit('cookie.attributes', f.id, 'fail', `${c.name}: SameSite=None without Secure is rejected by browsers (${notes}).`, ev);
        else if (!httpOnly) env.emit('cookie.attributes', f.id, 'warn', `${c.name} is readable by scripts (${notes}).`, ev);
        else env.emit('cookie.attributes', f.id, 'pass', `${c.name}: ${notes}.`, ev);
      }
    }
    if (l.has('logout')) {
      const hint = f.query.get('id_token_hint') ?? f.form.get('id_token_hint');
      env.emit('logout.id-token-hint', f.id, hint ? 'pass' : 'warn', hint ? 'The logout names the session through id_token_hint.' : 'The logout request has no id_token_hint, so the server cannot be sure which session and client it is for.', [{ exchangeId: f.id, label: 'id_token_hint', value: hint ?? '(none)', location: 'request.query.id_token_hint' }]);
    }
  }
  for (const m of env.ctx.metadata) {
    if (!env.dirty(m.exchangeId)) continue;
    const methods = m.doc.code_challenge_methods_supported;
    const ev = [{ exchangeId: m.exchangeId, label: 'code_challenge_methods_supported', value: Array.isArray(methods) ? methods.join(', ') : '(missing)', location: 'response.body.code_challenge_methods_supported' }];
    if (!Array.isArray(methods)) env.emit('metadata.s256', m.exchangeId, 'warn', 'The metadata does not list code_challenge_methods_supported, so clients cannot tell whether PKCE is supported.', ev);
    else env.emit('metadata.s256', m.exchangeId, methods.includes('S256') ? 'pass' : 'fail', methods.includes('S256') ? 'The server supports S256 PKCE.' : 'The server does not list S256 among its PKCE methods.', ev);
  }
}
