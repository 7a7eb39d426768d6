// The one meanings table: every claim the analyzer and the old inspector table explained, each with its spec.
import { describe, expect, it } from 'vitest';
import { CLAIM_MEANINGS, HEADER_MEANINGS, claimMeaning, headerMeaning } from './claim-meanings.ts';

const SPEC =
  /^(RFC \d{4}( App\. [A-Z]| §[\d.]+)?|OIDC [A-Za-z -]+§[\d.]+|FAPI [\d.]+ [A-Za-z]+ §[\d.]+|[A-Za-z ]+ claim)(, (RFC \d{4}|OIDC Core)( §[\d.]+)?)*$/;

describe('claim meanings', () => {
  it('explains every claim either former table knew, and the JOSE header parameters the viewer shows', () => {
    const claims = [
      'iss',
      'sub',
      'aud',
      'exp',
      'nbf',
      'iat',
      'jti',
      'auth_time',
      'nonce',
      'acr',
      'amr',
      'azp',
      'at_hash',
      'c_hash',
      's_hash',
      'sid',
      'client_id',
      'scope',
      'scp',
      'cnf',
      'typ',
      'name',
      'given_name',
      'family_name',
      'email',
      'email_verified',
      'preferred_username',
      'updated_at',
      'roles',
      'groups',
      'events',
      'tid',
      'oid',
      'ver',
    ];
    for (const name of claims) expect(claimMeaning(name), name).toBeDefined();
    for (const name of ['alg', 'kid', 'typ', 'cty', 'jku', 'x5t', 'x5t#S256', 'crit'])
      expect(headerMeaning(name), name).toBeDefined();
  });

  it('cites the section that defines each claim and header parameter, in the phrase shown', () => {
    for (const [name, m] of [...Object.entries(CLAIM_MEANINGS), ...Object.entries(HEADER_MEANINGS)])
      expect(m.spec, name).toMatch(SPEC);
    expect(claimMeaning('iss')).toBe('issuer: who made and signed the token (RFC 7519 §4.1.1)');
    expect(claimMeaning('nonce')).toMatch(/\(OIDC Core §2\)$/);
    expect(claimMeaning('scope')).toMatch(/\(RFC 9068 §2\.2\.3\)$/);
  });

  it('has no meaning for names it does not define, including Object.prototype members a hostile token may use', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'x-custom']) {
      expect(claimMeaning(name), name).toBeUndefined();
      expect(headerMeaning(name), name).toBeUndefined();
    }
  });
});
