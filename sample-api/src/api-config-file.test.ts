// Tests of the article-shaped API configuration file mapping.
import { describe, expect, it } from 'vitest';
import { apiConfigFromFile, type ApiConfigFile } from './api-config-file.ts';

const FILE: ApiConfigFile = {
  api: { trustedOrigins: ['http://web.localhost:8080'], useProxy: true, proxyUrl: 'http://127.0.0.1:8080' },
  oauth: {
    validation: 'jwt',
    issuer: 'http://login.localhost:8080',
    audience: 'http://api.localhost:8080/api',
    algorithm: 'RS256',
    jwksEndpoint: 'http://login.localhost:8080/jwks',
    introspectEndpoint: 'http://login.localhost:8080/token/introspection',
    clientId: 'sample-api',
    clientSecret: 's',
  },
};

describe('apiConfigFromFile', () => {
  it('maps JWT validation and the back-channel proxy', () => {
    expect(apiConfigFromFile(FILE)).toEqual({
      trustedOrigins: ['http://web.localhost:8080'],
      validation: {
        mode: 'jwt',
        jwksUrl: 'http://login.localhost:8080/jwks',
        issuer: 'http://login.localhost:8080',
        audience: 'http://api.localhost:8080/api',
        algorithms: ['RS256'],
      },
      backChannelProxy: 'http://127.0.0.1:8080',
    });
  });

  it('maps introspection with its client credentials and no proxy when useProxy is false', () => {
    const mapped = apiConfigFromFile({
      api: { ...FILE.api, useProxy: false },
      oauth: { ...FILE.oauth, validation: 'introspection' },
    });
    expect(mapped.validation).toEqual({
      mode: 'introspection',
      introspectionUrl: 'http://login.localhost:8080/token/introspection',
      clientId: 'sample-api',
      clientSecret: 's',
      issuer: 'http://login.localhost:8080',
      audience: 'http://api.localhost:8080/api',
    });
    expect(mapped.backChannelProxy).toBeUndefined();
  });

  it('refuses a file without the introspection credentials with one clear sentence', () => {
    expect(() =>
      apiConfigFromFile({ ...FILE, oauth: { ...FILE.oauth, validation: 'introspection', clientSecret: undefined } }),
    ).toThrow(
      expect.objectContaining({
        code: 'bad-api-config',
        message: 'Introspection needs oauth.introspectEndpoint, oauth.clientId and oauth.clientSecret.',
      }),
    );
  });
});
