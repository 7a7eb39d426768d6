// The interaction routes oidc-provider sends the browser to: implied consent, and our login form with the test users.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loginPage, sendHtml } from './html.ts';
import { checkCredentials } from './users.ts';

/** What oidc-provider tells about the interaction in progress (the parts used here). */
interface InteractionDetails {
  uid: string;
  prompt: { name: string; details: Record<string, unknown> };
  grantId?: string;
  session?: { accountId: string };
  params: { client_id: string };
}

/** Only the parts of oidc-provider's Provider these routes use (it ships no types). */
export interface InteractionProvider {
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: unknown,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Grant: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Client: any;
}

export type InteractionHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

/** Reads a urlencoded form, at most 64 KiB of it. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * First-party app: consent is implied, so grant what was asked and continue without a screen. A grant that
 * expired meanwhile is gone from the store: start a new one then.
 */
async function grantConsent(
  provider: InteractionProvider,
  req: IncomingMessage,
  res: ServerResponse,
  details: InteractionDetails,
): Promise<void> {
  const prompt = details.prompt;
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant =
    existing ?? new provider.Grant({ accountId: details.session?.accountId, clientId: details.params.client_id });
  const missingScope = prompt.details.missingOIDCScope as string[] | undefined;
  const missingClaims = prompt.details.missingOIDCClaims as string[] | undefined;
  const missingResource = prompt.details.missingResourceScopes as Record<string, string[]> | undefined;
  if (missingScope) grant.addOIDCScope(missingScope.join(' '));
  if (missingClaims) grant.addOIDCClaims(missingClaims);
  for (const [indicator, scopes] of Object.entries(missingResource ?? {}))
    grant.addResourceScope(indicator, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

/** Checks a submitted login form: a wrong password shows the form again, a right one finishes the login. */
async function submitLogin(
  provider: InteractionProvider,
  req: IncomingMessage,
  res: ServerResponse,
  page: { action: string; clientName: string },
  log: (entry: Record<string, unknown>) => void,
): Promise<void> {
  const form = await readForm(req);
  const user = checkCredentials(form.get('username') ?? '', form.get('password') ?? '');
  if (!user) {
    sendHtml(
      res,
      200,
      loginPage({ ...page, error: 'Wrong username or password.', username: form.get('username') ?? '' }),
    );
    return;
  }
  log({ type: 'sign-in', username: user.username, sub: user.sub });
  await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
}

/** Handles `/interaction/<uid>` (show the login form or grant consent) and `/interaction/<uid>/login` (POST). */
export function createInteractionHandler(
  provider: InteractionProvider,
  log: (entry: Record<string, unknown>) => void,
): InteractionHandler {
  return async (req, res, path) => {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'consent') return grantConsent(provider, req, res, details);
    const client = await provider.Client.find(details.params.client_id);
    const page = {
      action: `/interaction/${details.uid}/login`,
      clientName: (client?.clientName as string | undefined) ?? 'the application',
    };
    if (req.method === 'POST' && path.endsWith('/login')) return submitLogin(provider, req, res, page, log);
    sendHtml(res, 200, loginPage(page));
  };
}
