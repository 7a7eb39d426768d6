// The session picker's side of the page: the run token, its same-origin GETs, the ?session= address, the size limit.
import { SESSION_TOKEN_HEADER, visibleText, type JournaledSession } from '@oauth-inspector/core';

/** Where the page keeps the run token the proxy printed in its link (this tab only). */
export const TOKEN_KEY = 'oauth-inspector.token';

/** Past this journal size a session is not downloaded into the tab (its text, parse and analysis would not fit). */
const MAX_SESSION_BYTES = 256 * 1024 * 1024;

/** A same-origin GET with the run token in its header (never in the address, never readable cross-origin). */
export async function sessionFetch(path: string): Promise<Response | undefined> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token || !location.protocol.startsWith('http')) return undefined;
  try {
    return await fetch(path, { credentials: 'same-origin', headers: { [SESSION_TOKEN_HEADER]: token } });
  } catch {
    return undefined;
  }
}

/** Names the shown journaled session in the address (or none), so a reload or a shared link opens the same one. */
export function setSessionParam(id: string | undefined): void {
  const url = new URL(location.href);
  if (id) url.searchParams.set('session', id);
  else url.searchParams.delete('session');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

/** The sentence for a session too large to open in a tab, with the commands that read it instead; else undefined. */
export function tooLargeToOpen(session: JournaledSession | undefined): string | undefined {
  if (!session?.bytes || session.bytes <= MAX_SESSION_BYTES) return undefined;
  const id = visibleText(session.id);
  return `Session ${visibleText(session.name)} is ${Math.round(session.bytes / 1024 / 1024)} MiB, too large to open in a browser tab: export it with \`oauth-inspector sessions export ${id} -o session.har\` and read it with \`oauth-inspector analyze session.har\`.`;
}
