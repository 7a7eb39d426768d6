// The password grant is recognized as a token request of its own, not as a user typing into a login form.
import { describe, expect, it } from 'vitest';
import { anExchange } from '../../testing/an-exchange.ts';
import { analyze } from '../analyze.ts';

const tokenRequest = (form: Record<string, string>) =>
  anExchange({
    method: 'POST',
    url: 'https://idp.example.com/oauth/token',
    channel: 'back-channel',
    form,
    json: { access_token: 'opaque-access-token', token_type: 'Bearer', expires_in: 300 },
  });

describe('the password grant recognizer', () => {
  it('labels grant_type=password with the user it is for, as a password flow, and not as a login form', async () => {
    const { labels, flows } = await analyze([
      tokenRequest({ grant_type: 'password', username: 'ann', password: 'secret', client_id: 'tool' }),
    ]);
    expect(flows.map((f) => f.kind)).toEqual(['password']);
    const ids = labels.map((l) => l.recognizer);
    expect(ids).toContain('token-password');
    expect(ids).not.toContain('login-submit');
    expect(labels.find((l) => l.recognizer === 'token-password')?.summary).toBe('password grant for user ann');
  });

  it('leaves other grants alone', async () => {
    const { labels } = await analyze([tokenRequest({ grant_type: 'client_credentials', client_id: 'svc' })]);
    expect(labels.map((l) => l.recognizer)).not.toContain('token-password');
  });
});
