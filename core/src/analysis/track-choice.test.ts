// The default lesson track: the sample's for the sample world's traffic, the generic one for anyone else's.
import { describe, expect, it } from 'vitest';
import { anExchange } from '../testing/an-exchange.ts';
import { chooseTrackId, defaultTrackIdOf, isImplicitRequest, isSampleTraffic } from './track-choice.ts';

const at = (url: string) => anExchange({ url });

describe('the default lesson track', () => {
  it('is the sample code-flow track for traffic to the sample world origins, on any port', () => {
    expect(isSampleTraffic(at('http://login.localhost:8080/auth?client_id=spa'))).toBe(true);
    expect(isSampleTraffic(at('http://WEB.localhost/'))).toBe(true);
    expect(defaultTrackIdOf([at('https://update.example.com/'), at('http://api.localhost:4000/api/items')])).toBe(
      'code-flow',
    );
  });

  it('is the generic track for any other app, even on another *.localhost name or with the sample host in a path', () => {
    expect(isSampleTraffic(at('http://auth.localhost:8443/token'))).toBe(false);
    expect(isSampleTraffic(at('https://idp.example.com/login.localhost/x'))).toBe(false);
    expect(isSampleTraffic(at('https://login.localhost.example.com/'))).toBe(false);
    expect(defaultTrackIdOf([at('https://idp.example.com/.well-known/openid-configuration')])).toBe('generic');
  });

  it('follows the live feed: the sample world running means its track, a bare proxy the generic one', () => {
    expect(chooseTrackId({ sampleWorld: true, sawSampleTraffic: false, exchangeCount: 3 })).toBe('code-flow');
    expect(chooseTrackId({ sampleWorld: false, sawSampleTraffic: false, exchangeCount: 0 })).toBe('generic');
    expect(chooseTrackId({ sawSampleTraffic: false, exchangeCount: 0 })).toBe('code-flow');
  });

  it("is the sample's legacy track for its implicit traffic or its legacy scenario, never for the code flow", () => {
    const implicit = at('http://login.localhost:8080/auth?client_id=legacy&response_type=id_token%20token&nonce=n');
    const code = at('http://login.localhost:8080/auth?client_id=spa&response_type=code');
    const hybrid = at('http://login.localhost:8080/auth?client_id=spa&response_type=code%20id_token');
    expect([implicit, code, hybrid].map(isImplicitRequest)).toEqual([true, false, false]);
    expect(defaultTrackIdOf([at('http://web.localhost:8080/'), implicit])).toBe('implicit-and-introspection');
    expect(defaultTrackIdOf([at('http://web.localhost:8080/'), code, hybrid])).toBe('code-flow');
    // Someone else's implicit client is still taught by the generic track.
    expect(defaultTrackIdOf([at('https://idp.example.com/auth?client_id=x&response_type=token')])).toBe('generic');
    expect(chooseTrackId({ sampleWorld: true, scenario: 'legacy', sawSampleTraffic: false, exchangeCount: 0 })).toBe(
      'implicit-and-introspection',
    );
  });
});
