// Turns the sample world's JSON log lines into one readable terminal line each (the API's requests and back-channel calls).

interface LogEntry {
  source?: unknown;
  type?: unknown;
  method?: unknown;
  path?: unknown;
  url?: unknown;
  status?: unknown;
  call?: unknown;
  preflight?: unknown;
  scenario?: unknown;
  error?: unknown;
  ms?: unknown;
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object') {
    const { code, detail } = error as { code?: unknown; detail?: unknown };
    return [code, detail].filter((part) => typeof part === 'string' && part).join(': ');
  }
  return '';
}

/**
 * The line a learner reads in the terminal for one log entry, or undefined for entries only `--verbose` shows
 * (the authorization server's own, anything not JSON). The detail behind a 401 or a 500 is part of the line.
 */
export function readableLogLine(line: string): string | undefined {
  let entry: LogEntry;
  try {
    entry = JSON.parse(line) as LogEntry;
  } catch {
    return undefined;
  }
  if (!entry || typeof entry !== 'object') return undefined;
  const took = typeof entry.ms === 'number' ? ` (${entry.ms} ms)` : '';
  const why = errorText(entry.error);
  if (entry.source === 'sample-api' && entry.type === 'request') {
    const what = `${String(entry.method ?? '?')} ${String(entry.path ?? '?')}${entry.preflight === true ? ' (CORS preflight)' : ''}`;
    return `API ${String(entry.status ?? '?')} ${what}${took}${why ? ` — ${why}` : ''}`;
  }
  if (entry.source === 'sample-api' && entry.type === 'back-channel') {
    const outcome = entry.status !== undefined ? String(entry.status) : `failed${why ? `: ${why}` : ''}`;
    return `API back channel: ${String(entry.call ?? 'call')} ${String(entry.method ?? 'GET')} ${String(entry.url ?? '?')} → ${outcome}${took}`;
  }
  if (entry.source === 'sample-world' && entry.type === 'config' && typeof entry.scenario === 'string') {
    return `Scenario: ${entry.scenario}`;
  }
  return undefined;
}
