// The legacy track's recordings (seed 000 in the sample's `legacy` scenario), listed by scripts/record-lessons.ts.
import type { Page } from 'playwright-core';
import type { Recording } from './record-lessons.ts';
import type { ScenarioId } from '@oauth-inspector/proxy/sample-world/scenarios.ts';
import { openApp, signIn } from '../e2e/support/sample-flows.ts';
import { reloadUntilError, signInWithUnknownScope, waitForExpiryAndReload } from '../e2e/support/legacy-flows.ts';

/** The tour's tokens live long enough for steps 1–15 and the two rehearsals, then really expire for step 16. */
const TOUR_SECONDS = 15;
/** The expiry recording's tokens: long enough to sign in, short enough to wait for. */
const EXPIRY_SECONDS = 8;

/** Step 13: the API's secret goes wrong while the page holds a good token, then is put right again. */
async function wrongSecretOnce(page: Page, setScenario: (id: ScenarioId) => Promise<void>): Promise<void> {
  await setScenario('bad-introspection-secret');
  await reloadUntilError(page);
  await setScenario('legacy');
}

export const LEGACY_RECORDINGS: Recording[] = [
  {
    name: 'legacy-happy-path',
    scenario: 'legacy',
    tokenLifetimeSeconds: TOUR_SECONDS,
    description: `Legacy track, steps 1–16 (seed 000): API call without a token (401), implicit login (id_token token), introspection; then the rehearsals: an unknown scope (step 8), a wrong introspection secret (step 13), and a token that really expired (lifetime ${TOUR_SECONDS} s) followed by a new login (step 16).`,
    async drive(page, web, setScenario) {
      await openApp(page, web, '/');
      await signIn(page);
      await signInWithUnknownScope(page);
      await wrongSecretOnce(page, setScenario);
      await waitForExpiryAndReload(page, TOUR_SECONDS);
    },
  },
  {
    name: 'legacy-token-expiry',
    scenario: 'legacy',
    tokenLifetimeSeconds: EXPIRY_SECONDS,
    description: `Legacy track, step 16: the token expires (lifetime ${EXPIRY_SECONDS} s), introspection answers active: false, the API 401, and the page signs in again.`,
    async drive(page, web) {
      await openApp(page, web, '/');
      await signIn(page);
      await waitForExpiryAndReload(page, EXPIRY_SECONDS);
    },
  },
  {
    name: 'legacy-wrong-introspection-secret',
    scenario: 'legacy',
    description:
      'Legacy track, step 13: signed in with the implicit flow, then the API introspects with a wrong secret: 401 from the authorization server, 500 from the API, no new login.',
    async drive(page, web, setScenario) {
      await openApp(page, web, '/');
      await signIn(page);
      await wrongSecretOnce(page, setScenario);
    },
  },
  {
    name: 'legacy-invalid-scope',
    scenario: 'legacy',
    description:
      'Legacy track, step 8: signed in, then a login asking for an unknown scope gets invalid_scope in the fragment, shown and not retried.',
    async drive(page, web) {
      await openApp(page, web, '/');
      await signIn(page);
      await signInWithUnknownScope(page);
    },
  },
];
