// Basic credentials decoded: RFC 7617's user-id and password, and RFC 6749 §2.3.1's form-encoded client id and secret.
import { describe, expect, it } from 'vitest';
import { basicCredentials, clientCredentials } from './basic-credentials.ts';

const basic = (text: string) => `Basic ${btoa(text)}`;

describe('Basic credentials', () => {
  it('splits at the first colon, so the password may hold colons', () => {
    expect(basicCredentials(basic('api:se:cret'))).toEqual({ user: 'api', password: 'se:cret' });
    expect(basicCredentials(`bAsIc   ${btoa('a:b')} `)).toEqual({ user: 'a', password: 'b' });
  });

  it('form-decodes the client id and secret (%3A is a colon, + a space)', () => {
    expect(clientCredentials(basic('my%3Aapp:s%C3%A9cret+one%25'))).toEqual({
      clientId: 'my:app',
      clientSecret: 'sécret one%',
      formEncoded: true,
    });
    expect(clientCredentials(basic('api:secret'))).toEqual({
      clientId: 'api',
      clientSecret: 'secret',
      formEncoded: false,
    });
  });

  it('reads nothing from another scheme, bad base64 or credentials without a colon', () => {
    expect(clientCredentials(`Bearer ${btoa('a:b')}`)).toBeUndefined();
    expect(clientCredentials('Basic %%%')).toBeUndefined();
    expect(clientCredentials(basic('no-colon'))).toBeUndefined();
    expect(clientCredentials(undefined)).toBeUndefined();
  });
});
