// One error base for the capture process: every error a user can meet carries a stable code; messages are for people.

/**
 * The codes a caller can switch on. Add a code here when you add a failure a user can meet; the message
 * stays one sentence: what is wrong and what to do.
 */
export type InspectorErrorCode =
  | 'usage'
  | 'unexpected-argument'
  | 'invalid-port'
  | 'port-in-use'
  | 'port-not-allowed'
  | 'unknown-scenario'
  | 'no-browser'
  | 'browser-exited'
  | 'sample-world-missing'
  | 'session-not-found'
  | 'bad-data-dir'
  | 'bad-har'
  | 'file-not-found'
  | 'not-a-file'
  | 'unreadable-file'
  | 'bad-ca-file'
  | 'no-track'
  | 'no-exchange';

export class InspectorError extends Error {
  readonly code: InspectorErrorCode;

  constructor(code: InspectorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InspectorError';
    this.code = code;
  }
}

/** True for an InspectorError, optionally of one code (errors cross module copies, so the check is structural). */
export function isInspectorError(error: unknown, code?: InspectorErrorCode): error is InspectorError {
  if (!(error instanceof Error) || error.name !== 'InspectorError') return false;
  return code === undefined || (error as InspectorError).code === code;
}
