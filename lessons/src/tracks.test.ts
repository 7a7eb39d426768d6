// Tests over the real lesson files: every track loads, ids are known, code-flow is steps 1–20, texts are complete.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, RECOGNIZER_IDS } from '@oauth-inspector/core/analysis/ids.ts';
import { LessonError } from './lesson-error.ts';
import { TRACKS_DIR, listTracks, loadAllTracks, loadTrack } from './load-track-node.ts';
import { tracksFromFiles } from './parse-track.ts';

const CODE_FLOW_FILES = [
  '01-spa-downloads-configuration',
  '02-login-redirect-triggered',
  '03-spa-gets-metadata',
  '04-authorization-request',
  '05-user-authenticates',
  '06-sso-session-started',
  '07-authorization-response',
  '08-code-exchanged-for-tokens',
  '09-pkce',
  '10-login-errors-handled',
  '11-access-token-claims',
  '12-id-token-claims',
  '13-userinfo',
  '14-spa-stores-tokens',
  '15-spa-calls-api',
  '16-api-validates-token',
  '17-api-error-statuses',
  '18-api-authorizes-with-claims',
  '19-api-401-on-expiry',
  '20-spa-handles-expiry',
];

/** Scenario ids of the sample world (proxy/src/sample-world ScenarioId). */
// prettier-ignore
const SAMPLE_SCENARIOS = ['default', 'invalid-scope', 'bad-jwks-url', 'wrong-audience', 'bad-introspection-secret', 'introspection', 'short-token-lifetime', 'unknown-client', 'unregistered-redirect-uri', 'other-users-item', 'jwks-cache', 'legacy'];

const tracks = await loadAllTracks();
const allSteps = tracks.flatMap((track) => track.steps.map((step) => ({ track, step })));

describe('the lesson tracks on disk', () => {
  it('are the code-flow, the generic and the legacy implicit-and-introspection tracks', async () => {
    expect(await listTracks()).toEqual(['code-flow', 'generic', 'implicit-and-introspection']);
  });

  it("give the generic track the protocol's own steps, in text that never names the sample's hosts or libraries", async () => {
    const generic = await loadTrack('generic');
    expect(generic.steps.map((s) => s.id.replace(/^generic\/\d\d-/, ''))).toEqual([
      'discovery',
      'authorization-request',
      'login',
      'callback',
      'code-exchange',
      'refresh',
      'client-credentials',
      'password-grant',
      'device-code',
      'userinfo',
      'introspection',
      'revocation',
      'api-calls',
      'logout',
    ]);
    for (const step of generic.steps) {
      const text = `${step.title}\n${step.body}`;
      expect(text, step.id).not.toMatch(
        /\b(web|api|login)\.localhost\b|oidc-provider|oidc-client-ts|our sample|the sample|SPA\b/i,
      );
      expect(step.scenario, step.id).toBeUndefined();
    }
    const recognized = new Set(generic.steps.flatMap((s) => s.recognizers));
    for (const id of ['token-password', 'token-device-code', 'token-client-credentials', 'introspection', 'revocation'])
      expect(recognized).toContain(id);
  });

  it('code-flow has exactly steps 1–20 in order, one file each', async () => {
    const track = await loadTrack('code-flow');
    expect(track.steps.map((s) => s.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(track.steps.map((s) => s.id)).toEqual(CODE_FLOW_FILES.map((f) => `code-flow/${f}`));
    const mdFiles = readdirSync(join(TRACKS_DIR, 'code-flow'))
      .filter((f) => f.endsWith('.md'))
      .sort();
    expect(mdFiles).toEqual(CODE_FLOW_FILES.map((f) => `${f}.md`));
  });

  it('name only known recognizer and check ids', () => {
    for (const { step } of allSteps) {
      for (const id of step.recognizers) expect(RECOGNIZER_IDS, step.id).toContain(id);
      for (const id of step.checks) expect(CHECK_IDS, step.id).toContain(id);
    }
  });

  it('give every step text with the standard sections', () => {
    for (const { step } of allSteps) {
      expect(step.body.length, step.id).toBeGreaterThan(600);
      for (const heading of ['## What happens', '## Why', '## What to look at in this message', '## What goes wrong']) {
        expect(step.body, `${step.id} lacks "${heading}"`).toContain(heading);
      }
    }
  });

  it('link every RFC a step cites in its text', () => {
    for (const { step } of allSteps) {
      const cited = new Set([...step.body.matchAll(/RFC (\d{4})/g)].map((m) => m[1]));
      const linked = step.specs.map((s) => s.label).join(' ');
      for (const rfc of cited)
        expect(linked, `${step.id} cites RFC ${rfc} without a spec link`).toContain(`RFC ${rfc}`);
    }
  });

  it('mark steps without a message of their own from a step that has one', () => {
    const inferred = (trackId: string) =>
      Object.fromEntries(
        tracks
          .find((t) => t.id === trackId)!
          .steps.filter((s) => s.inferredFrom)
          .map((s) => [s.number, s.inferredFrom]),
      );
    expect(inferred('code-flow')).toEqual({
      2: 'code-flow/04-authorization-request',
      9: 'code-flow/08-code-exchanged-for-tokens',
      11: 'code-flow/08-code-exchanged-for-tokens',
      12: 'code-flow/08-code-exchanged-for-tokens',
      14: 'code-flow/15-spa-calls-api',
    });
    for (const { step } of allSteps.filter(({ step }) => step.inferredFrom)) {
      expect(step.body, `${step.id} should say it has no message of its own`).toMatch(
        /no (HTTP )?message of its own|sends nothing over the network|Nothing travels over the network|No new message|Nothing new is sent/,
      );
    }
  });

  it('name only scenarios the sample world has, and the steps each failure recording must show', () => {
    const scenarios = allSteps.filter(({ step }) => step.scenario).map(({ step }) => [step.id, step.scenario]);
    for (const [, scenario] of scenarios) expect(SAMPLE_SCENARIOS).toContain(scenario);
    expect(Object.fromEntries(scenarios)).toMatchObject({
      'code-flow/10-login-errors-handled': 'invalid-scope',
      'implicit-and-introspection/02-api-call-without-token': 'legacy',
      'implicit-and-introspection/07-tokens-in-the-fragment': 'legacy',
    });
  });

  it('let the happy path mark every code-flow step except the failure-scenario ones', async () => {
    const track = await loadTrack('code-flow');
    expect(track.steps.filter((s) => s.scenario).map((s) => s.number)).toEqual([10]);
    for (const step of track.steps.filter((s) => !s.scenario && s.inferredFrom)) {
      expect(track.steps.find((s) => s.id === step.inferredFrom)?.scenario, step.id).toBeUndefined();
    }
  });

  it('teach at least the minimum checks of the issue in code-flow', async () => {
    const taught = new Set<string>((await loadTrack('code-flow')).steps.flatMap((s) => s.checks));
    const minimum = [
      'pkce.present',
      'pkce.s256-matches',
      'state.echoed',
      'nonce.matches',
      'iss.authorization-response',
      'id-token.iss',
      'token.redirect-uri-matches',
      'token.client-id-matches',
      'jwt.signature',
      'id-token.at-hash',
      'token.no-store',
      'bearer.header',
      'api.401-challenge',
      'api.5xx-not-401',
    ];
    expect(minimum.filter((id) => !taught.has(id))).toEqual([]);
  });

  it('give the legacy track the 16 steps of seed 000, each recognized from its own messages', async () => {
    const legacy = await loadTrack('implicit-and-introspection');
    expect(legacy.steps.map((s) => s.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const byNumber = new Map(legacy.steps.map((s) => [s.number, s]));
    for (const step of legacy.steps) expect(step.recognizers.length, step.id).toBeGreaterThan(0);
    expect(legacy.steps.filter((s) => s.inferredFrom)).toEqual([]);
    expect(byNumber.get(2)?.recognizers).toEqual(['api-call-without-token']);
    expect(byNumber.get(4)?.recognizers).toEqual(['implicit-authorization-request']);
    expect(byNumber.get(4)?.checks).toEqual(expect.arrayContaining(['authz.implicit-legacy', 'nonce.present']));
    expect(byNumber.get(7)?.checks).toEqual(expect.arrayContaining(['tokens.not-in-url', 'id-token.at-hash']));
    expect(byNumber.get(12)?.recognizers).toEqual(['introspection']);
    expect(byNumber.get(12)?.checks).toContain('introspection.auth');
    expect(byNumber.get(13)?.checks).toContain('api.5xx-not-401');
    expect(byNumber.get(16)?.recognizers).toEqual(['introspection-inactive']);
    expect(byNumber.get(16)?.checks).toContain('introspection.answer-follows-active');
  });

  it('say plainly in the legacy track which parts are dev-only allowances or explained from the protocol', async () => {
    const legacy = await loadTrack('implicit-and-introspection');
    expect(legacy.steps[3]!.body).toContain('**Dev-only allowance.**');
    expect(legacy.steps[3]!.body).toContain('implicit-force-https');
    expect(legacy.steps[4]!.body).toContain('**Bare `token` is explained here, not run.**');
  });

  it('keep the sample-specific userinfo design in one marked paragraph of step 13, hidden from readers', async () => {
    const raw = readFileSync(join(TRACKS_DIR, 'code-flow', '13-userinfo.md'), 'utf8');
    expect(raw.match(/<!-- sample-design: userinfo/g)).toHaveLength(1);
    expect(raw.match(/<!-- \/sample-design -->/g)).toHaveLength(1);
    const step13 = (await loadTrack('code-flow')).steps[12]!;
    expect(step13.body).toContain('**How our sample does it (design-specific).**');
    expect(step13.body).not.toContain('<!--');
  });

  it('parse the same from a Vite-style path → text map as from disk', async () => {
    const files: Record<string, string> = {};
    for (const id of await listTracks()) {
      for (const file of readdirSync(join(TRACKS_DIR, id))) {
        files[`../../lessons/tracks/${id}/${file}`] = readFileSync(join(TRACKS_DIR, id, file), 'utf8');
      }
    }
    expect(tracksFromFiles(files)).toEqual(tracks);
  });

  it('refuse an unknown track id with one sentence naming the known ones', async () => {
    const error = await loadTrack('code-flw').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LessonError);
    expect((error as LessonError).code).toBe('track.not-found');
    expect((error as LessonError).message).toContain('code-flow, generic, implicit-and-introspection');
  });

  it('are written in our own words (no 7-word run shared with the seed articles)', () => {
    const words = (text: string) => text.toLowerCase().match(/[a-z0-9']+/g) ?? [];
    // Hashes of the seeds' 7-word runs (scripts/seed-shingles.mjs), so the articles themselves need not be copied here.
    const shingles = fileURLToPath(new URL('../test-fixtures/seed-shingles.txt', import.meta.url));
    const runs = new Set(
      readFileSync(shingles, 'utf8')
        .split('\n')
        .filter((line) => line && !line.startsWith('#')),
    );
    const hash = (run: string) => createHash('sha256').update(run).digest('hex').slice(0, 12);
    expect(runs.size).toBeGreaterThan(1000);
    for (const { step } of allSteps) {
      const w = words(step.body);
      const shared = w
        .map((_, i) => w.slice(i, i + 7).join(' '))
        .filter((run) => run.split(' ').length === 7 && runs.has(hash(run)));
      expect(shared, step.id).toEqual([]);
    }
  });
});
