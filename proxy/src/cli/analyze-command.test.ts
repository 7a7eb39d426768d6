// The analyze command: readable report, JSON, --fail-on exit codes, and one clear line for bad input.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAnalyzeCommand, type AnalyzeIo } from './analyze-command.ts';
import type { TrackDefinition } from '@oauth-inspector/core/analysis/types.ts';
import { AS, API, METADATA, codeFlowSession } from '@oauth-inspector/core/testing/oauth-session.ts';
import { anExchange } from '@oauth-inspector/core/testing/an-exchange.ts';
import { devtoolsHar } from '@oauth-inspector/core/testing/devtools-har.ts';

const FIXTURES = fileURLToPath(new URL('../../../core/test-fixtures/real-world/', import.meta.url));
const OKTA = `${FIXTURES}piyushazanjad_okta-har-analyzer_sample.har`;
const FIREFOX = `${FIXTURES}jfromaniello_har-sanitizer__test__example.har`;

function capture(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: AnalyzeIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: async (path) => (path in files ? files[path]! : readFile(path, 'utf8')),
  };
  return { io, out, err };
}

const TRACK: TrackDefinition = {
  id: 'mini',
  title: 'Mini track',
  steps: [
    {
      id: 'mini/1',
      number: 1,
      title: 'Redirect to the authorization server',
      recognizers: ['authorization-request'],
      checks: ['pkce.present'],
    },
    {
      id: 'mini/2',
      number: 2,
      title: 'Code for tokens',
      recognizers: ['token-authorization-code'],
      checks: ['token.no-store'],
    },
    { id: 'mini/3', number: 3, title: 'API call', recognizers: ['api-call'], checks: [] },
  ],
};

describe('oauth-inspector analyze', () => {
  it('prints the exchanges, flows and findings of a HAR file', async () => {
    const c = capture();
    expect(await runAnalyzeCommand([OKTA], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain('authorization-request [flow-1]');
    expect(text).toMatch(/Findings: \d+ fail, \d+ warn, \d+ pass/);
    expect(text).toContain('FAIL token.no-store');
    expect(c.err).toEqual([]);
  });

  it("labels a browser's own background requests browser-background instead of other", async () => {
    const c = capture({ 'devtools.har': JSON.stringify(devtoolsHar()) });
    expect(await runAnalyzeCommand(['devtools.har', '--track', 'none'], c.io)).toBe(0);
    const line = (id: string) =>
      c.out
        .find((l) => l.trim().startsWith(`${id} `))
        ?.trim()
        .replace(/\s+/, ' ');
    // Entries 6, 7 and 14 of the file (a DevTools HAR has no ids: the CLI numbers them #N as the inspector does).
    expect(line('#6')).toBe('#6 browser-background: Chromium component and extension update check');
    expect(line('#7')).toBe('#7 browser-background: Chromium account check');
    expect(line('#14')).toBe('#14 other: GET /api/news');
  });

  it('says which exchanges were relayed without checking the upstream certificate (--insecure-upstream)', async () => {
    const entry = (seq: number, insecure: boolean) => ({
      ...anExchange({ seq, url: `https://dev.local.test/${seq}` }),
      ...(insecure ? { _insecureUpstream: true } : {}),
    });
    const har = {
      log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [entry(0, true), entry(1, false)] },
    };
    const c = capture({ 'insecure.har': JSON.stringify(har) });
    expect(await runAnalyzeCommand(['insecure.har', '--track', 'none'], c.io)).toBe(0);
    const line = (id: string) => c.out.find((l) => l.trim().startsWith(`${id} `)) ?? '';
    expect(line('#1')).toContain('upstream TLS not verified (--insecure-upstream)');
    expect(line('#2')).not.toContain('not verified');
  });

  it('maps steps of a track and marks failed ones', async () => {
    const c = capture();
    await runAnalyzeCommand([OKTA, '--track', 'mini'], c.io, async () => TRACK);
    const text = c.out.join('\n');
    expect(text).toContain('[x]  1. Redirect to the authorization server  (#1)');
    expect(text).toContain('[!]  2. Code for tokens — FAILED');
    expect(text).toContain('[ ]  3. API call');
  });

  it('prints JSON for scripts', async () => {
    const c = capture();
    expect(await runAnalyzeCommand([FIREFOX, '--json'], c.io)).toBe(0);
    const json = JSON.parse(c.out.join('\n'));
    expect(json.creator).toBe('Firefox 118.0.1');
    expect(json.labels.some((l: { recognizer: string }) => l.recognizer === 'api-call')).toBe(true);
    expect(Array.isArray(json.findings)).toBe(true);
  });

  it('exits 1 when findings reach --fail-on, 0 when they do not', async () => {
    expect(await runAnalyzeCommand([OKTA, '--fail-on', 'fail'], capture().io)).toBe(1);
    expect(await runAnalyzeCommand([FIREFOX, '--fail-on', 'fail'], capture().io)).toBe(0);
    expect(await runAnalyzeCommand([OKTA, '--fail-on', 'warn'], capture().io)).toBe(1);
  });

  it.each([
    [['/tmp/definitely-missing.har'], /^There is no file \/tmp\/definitely-missing\.har\.$/],
    [['notes.txt'], /^notes\.txt: The file is not JSON/],
    [[], /^Name the HAR file/],
    [[OKTA, '--fail-on', 'sometimes'], /^--fail-on takes "warn" or "fail"/],
    [[OKTA, '--colour'], /Unknown option/],
  ])('answers %j with one clear line and exit 2', async (args, message) => {
    const c = capture({ 'notes.txt': 'just some notes' });
    expect(await runAnalyzeCommand(args, c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(message);
    expect(c.out).toEqual([]);
  });

  it('reports a 401 as wrong when the key download the API made while serving it failed, though captured after it', async () => {
    // The shape of lessons/recordings/bad-jwks-url.har, with the API answering 401 instead of 500.
    const entries = [
      anExchange({ seq: 0, url: `${AS}/.well-known/openid-configuration`, json: METADATA }),
      anExchange({
        seq: 1,
        at: '2026-01-01T10:00:01.000Z',
        time: 11,
        url: `${API}/api/items`,
        requestHeaders: { Authorization: 'Bearer opaque-access-0123456789' },
        status: 401,
        responseHeaders: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
        json: {},
      }),
      anExchange({
        seq: 2,
        at: '2026-01-01T10:00:01.006Z',
        time: 3,
        url: `${AS}/jwksxxx`,
        channel: 'back-channel',
        status: 404,
      }),
    ];
    const c = capture({
      'keys.har': JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }),
    });
    expect(await runAnalyzeCommand(['keys.har', '--fail-on', 'fail'], c.io)).toBe(1);
    expect(c.out.find((l) => l.includes('FAIL api.5xx-not-401'))).toMatch(/\(#3, #2\).*key download.*5xx was due/);
  });

  it('explains an unknown track in one line', async () => {
    const c = capture();
    expect(await runAnalyzeCommand([OKTA, '--track', 'no-such-track'], c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(/no-such-track/);
  });

  it('finds all steps of the real code-flow track in a complete synthetic session; its altered token is named invalid and its refusal handled', async () => {
    const har = JSON.stringify({
      log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: await codeFlowSession() },
    });
    const c = capture({ 'session.har': har });
    // The one failing finding is the altered token's signature: what the token is, whoever refused it.
    expect(await runAnalyzeCommand(['session.har', '--track', 'code-flow', '--fail-on', 'fail'], c.io)).toBe(1);
    expect(c.out.filter((l) => l.includes('FAIL ')).map((l) => l.trim().split(' ')[1])).toEqual(['jwt.signature']);
    const summary = c.out.slice(c.out.indexOf('Invalid artifacts, and how they were handled:'));
    expect(summary.find((l) => l.includes('INVALID access-token'))).toMatch(/\(#17\): The signature does not match/);
    expect(summary.find((l) => l.includes('HANDLED api.invalid-token-refused'))).toMatch(
      /\(#17.*refused it with 401, as it must/,
    );
    const steps = c.out.filter((l) => /^\s+\[.\]\s+\d+\./.test(l));
    expect(steps).toHaveLength(20);
    expect(steps.filter((l) => !l.includes('[x]') && !l.includes('[~]'))).toEqual([]);
    // The steps without a message of their own (2, 9, 11, 12, 14) are explained, never marked seen.
    expect(steps.filter((l) => l.includes('[~]')).map((l) => Number(/(\d+)\./.exec(l)![1]))).toEqual([
      2, 9, 11, 12, 14,
    ]);
  });

  it("picks the lesson track by the traffic: generic for another app's HAR, code-flow for the sample's, none on request", async () => {
    const stepsOf = async (args: string[]) => {
      const c = capture();
      expect(await runAnalyzeCommand([...args, '--json'], c.io)).toBe(0);
      return (JSON.parse(c.out.join('\n')) as { steps: { stepId: string }[] }).steps.map((s) => s.stepId);
    };
    expect((await stepsOf([OKTA]))[0]).toBe('generic/01-discovery');
    expect((await stepsOf([OKTA, '--track', 'none'])).length).toBe(0);
    const sample = fileURLToPath(new URL('../../../lessons/recordings/happy-path.har', import.meta.url));
    expect((await stepsOf([sample]))[0]).toBe('code-flow/01-spa-downloads-configuration');
  });

  it('prints help', async () => {
    const c = capture();
    expect(await runAnalyzeCommand(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toContain('--fail-on');
  });
});
