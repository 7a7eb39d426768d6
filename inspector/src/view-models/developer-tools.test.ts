// The developer's tools on recordings: a pasted JWT decoded and verified with the captured key set, Basic credentials decoded and masked.
import { describe, expect, it } from 'vitest';
import { analyze, capturedKeySets, importHar, inspectPastedToken, type Exchange } from '@oauth-inspector/core';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { exchangeRows } from './exchange-rows.ts';
import { EMPTY_ANALYSIS } from '../state/inspector-state.ts';
import happyPath from '../../../lessons/recordings/happy-path.har?raw';
import legacyHappyPath from '../../../lessons/recordings/legacy-happy-path.har?raw';
import { basicPairs, exchangeDetail } from './exchange-detail.ts';
import { pastedTokenView } from './pasted-token.ts';
import { isMasked, secretLabels } from './presenter-mask.ts';

function load(text: string): Exchange[] {
  const imported = importHar(text);
  if (!imported.ok) throw new Error(imported.message);
  return imported.exchanges;
}

const b64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('the paste box', () => {
  const exchanges = load(happyPath);
  const keys = capturedKeySets(exchanges);

  async function view(text: string) {
    return pastedTokenView(await inspectPastedToken(text, keys, Date.now()), keys);
  }

  it('says which key of which key set URL verified a token from the session, and shows its times as dates', async () => {
    const analysis = await analyze(exchanges);
    const access = analysis.tokens.find((t) => t.kind === 'access-token' && t.format === 'jwt')!;
    const shown = await view(`Authorization: Bearer ${access.value}`);
    expect(shown.status).toBe('verified');
    expect(shown.verdict).toBe(`signature verified with key ${keys[0]!.kid} from ${keys[0]!.url}`);
    expect(shown.source).toBe('the Bearer credentials');
    expect(shown.claims.find((c) => c.name === 'exp')?.time).toMatch(/^\d{4}-\d\d-\d\dT.*\((in|.* ago)/);
    expect(shown.header.find((c) => c.name === 'kid')?.value).toBe(keys[0]!.kid);

    const [h, p, s] = access.value.split('.') as [string, string, string];
    const claims = JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/')));
    const tampered = await view([h, b64url({ ...claims, scope: 'openid admin' }), s].join('.'));
    expect(tampered.verdict).toBe(`signature does not match key ${keys[0]!.kid} from ${keys[0]!.url}`);

    const other = await view([b64url({ alg: 'RS256', kid: 'not-captured' }), p, s].join('.'));
    expect(other.verdict).toBe('no captured key set has this key (kid "not-captured")');
  });

  it('answers garbage with one sentence', async () => {
    const shown = await view('<img src=x onerror=alert(1)>');
    expect(shown.problem).toMatch(/^No JWT found/);
    expect(shown.claims).toEqual([]);
  });
});

describe('Basic credentials in the exchange detail', () => {
  it('shows the client id and secret of a legacy introspection call decoded, and masks the secret when presenting', () => {
    const exchanges = load(legacyHappyPath);
    const introspection = exchanges.find((e) => basicPairs(e) !== undefined)!;
    expect(exchangeDetail(introspection).basic).toEqual({
      title: 'Basic credentials, decoded (RFC 6749 §2.3.1)',
      pairs: [
        { name: 'client_id', value: 'sample-api' },
        { name: 'client_secret', value: expect.stringMatching(/^REDACTED-client-secret-\d+$/) },
      ],
    });
  });

  it('form-decodes %3A and + in both parts (RFC 6749 §2.3.1), and masks the decoded secret in presenter mode', () => {
    const exchange = anExchange({
      method: 'POST',
      url: 'https://login.example/token',
      requestHeaders: { authorization: `Basic ${btoa('my%3Aclient:p%40ss+word%3A1')}` },
      form: { grant_type: 'client_credentials' },
      status: 200,
    });
    expect(basicPairs(exchange)?.pairs).toEqual([
      { name: 'client_id', value: 'my:client' },
      { name: 'client_secret', value: 'p@ss word:1' },
    ]);
    const masker = { labels: secretLabels([exchange]), revealed: new Set<string>() };
    expect(isMasked('p@ss word:1', masker)).toBe(true);
    expect(isMasked('my:client', masker)).toBe(false);
    const label = masker.labels.get('p@ss word:1')!;
    expect(isMasked('p@ss word:1', { ...masker, revealed: new Set([label]) })).toBe(false);
  });

  it('masks the base64 on the wire too, so a presenter never shows a decodable secret', () => {
    const header = `Basic ${btoa('my-client:s3cr3t-value')}`;
    const exchange = anExchange({
      method: 'POST',
      url: 'https://login.example/token',
      requestHeaders: { authorization: header },
      form: { grant_type: 'client_credentials' },
      status: 200,
    });
    const masker = { labels: secretLabels([exchange]), revealed: new Set<string>() };
    expect(isMasked(header, masker)).toBe(true);
    expect(isMasked('s3cr3t-value', masker)).toBe(true);
  });

  it('treats the user-id as the key when the password is empty, as the redaction does', () => {
    const exchange = anExchange({
      url: 'https://api.example/items',
      requestHeaders: { authorization: `Basic ${btoa('sk_live_abcdef123456:')}` },
      status: 200,
    });
    const masker = { labels: secretLabels([exchange]), revealed: new Set<string>() };
    expect(isMasked('sk_live_abcdef123456', masker)).toBe(true);
  });

  it('reads Basic outside the authorization server as a user-id and password, without form-decoding (RFC 7617 §2)', () => {
    const exchange = anExchange({
      url: 'https://api.example/items',
      requestHeaders: { authorization: `Basic ${btoa('alice:p+ss%41')}` },
      status: 200,
    });
    expect(basicPairs(exchange)).toEqual({
      title: 'Basic credentials, decoded (RFC 7617 §2)',
      pairs: [
        { name: 'user-id', value: 'alice' },
        { name: 'password', value: 'p+ss%41' },
      ],
    });
  });
});

describe('upstream TLS not verified', () => {
  it('marks an exchange relayed without checking the upstream certificate, in its row and its status line', () => {
    const insecure = {
      ...anExchange({ url: 'https://dev.local.test/api', status: 200 }),
      _insecureUpstream: true as const,
    };
    const plain = anExchange({ url: 'https://dev.local.test/api', status: 200 });
    const [row, plainRow] = exchangeRows([insecure, plain], EMPTY_ANALYSIS);
    expect(row!.insecure).toMatch(/^upstream TLS not verified \(--insecure-upstream\)/);
    expect(plainRow!.insecure).toBeUndefined();
    expect(exchangeDetail(insecure).statusLine).toMatch(/^200.* · upstream TLS not verified/);
    expect(exchangeDetail(plain).statusLine).not.toContain('TLS');
  });
});
