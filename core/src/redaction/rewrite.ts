// The callback every by-meaning rewriter calls with a credential it found: it answers what to write instead.
import type { SecretKind } from './credential-fields.ts';

/** Called with a credential's decoded value and what it is; returns the text to put in its place (the same text to keep it). */
export type Rewrite = (value: string, kind: SecretKind) => string;

/** What the rewriters know about the message a value sits in. */
export interface RewriteContext {
  /** The request is an OAuth client calling the server (it has `grant_type` or `token`): Basic credentials are a client secret (RFC 6749 §2.3.1). */
  client: boolean;
}
