// The shapes analyze() takes and returns: tracks (lesson steps), labels, tokens, flows, findings.
import type { CheckId, RecognizerId } from './ids.ts';

/** A link to the section of a specification a rule rests on. */
export interface SpecRef {
  /** Short label, e.g. `RFC 7636 §4.6`. */
  label: string;
  url: string;
}

/** One step of a lesson track, as lessons/ defines it (the text itself stays in the markdown). */
export interface TrackStep {
  /** Stable id, e.g. `code-flow/09-pkce`. */
  id: string;
  /** 1-based position in the track. */
  number: number;
  title: string;
  /** The step is seen when an exchange carries one of these labels (in a flow that reached this far). */
  recognizers: RecognizerId[];
  /** Checks this step teaches; a failing one marks the step failed. */
  checks: CheckId[];
  /**
   * Steps with no HTTP message of their own (inside the browser, like storing tokens) are marked from
   * the steps around them: seen once the step named here is seen.
   */
  inferredFrom?: string;
}

export interface TrackDefinition {
  id: string;
  title: string;
  steps: TrackStep[];
  /**
   * `browser` (the default): the steps are a browser app's, so a server's own calls join a step only as the API's key
   * download or introspection. `any`: the steps are the protocol's, whoever sends them (a back-end client's token
   * requests count too).
   */
  clients?: 'browser' | 'any';
}

/** A recognizer's verdict on one exchange. */
export interface ExchangeLabel {
  exchangeId: string;
  recognizer: RecognizerId;
  /** The flow this exchange belongs to, when it could be correlated. */
  flowId?: string;
  /** Short human summary, e.g. `authorization code grant for client spa`. */
  summary: string;
}

/**
 * `seen`: exchanges of the step were captured; `failed`: a finding of the step's checks on its own exchanges failed;
 * `explained`: the step has no message of its own (inside the browser, or inside a message of another step) and the
 * step it is explained from was seen; `not-seen`: neither.
 */
export type StepStatus = 'seen' | 'not-seen' | 'failed' | 'explained';

export interface StepResult {
  stepId: string;
  number: number;
  title: string;
  status: StepStatus;
  /** The exchanges that make up this step, in capture order. */
  exchangeIds: string[];
  /** Findings of this step's checks about this step's exchanges (their ids in `findings`). */
  findingIds: string[];
  /** True when the step has no message of its own and was explained from the step it is inferred from. */
  inferred: boolean;
}

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'not-applicable';
export type Severity = 'must' | 'should' | 'info';

/** One value a finding rests on, and where it was found. */
export interface Evidence {
  exchangeId: string;
  /** What this value is, e.g. `code_challenge (authorization request)`. */
  label: string;
  value?: string;
  /** Where in the exchange, e.g. `request.query.code_challenge`, `response.body.id_token.nonce`. */
  location?: string;
  /** The token this evidence is about (an id of `Analysis.tokens`), when it is a whole token. */
  tokenId?: string;
}

export interface Finding {
  /** Unique in one analysis: `${checkId}:${exchangeId}` or similar, stable for the same input. */
  id: string;
  checkId: CheckId;
  status: CheckStatus;
  severity: Severity;
  title: string;
  /** One or two sentences in plain words: what was found. */
  message: string;
  spec: SpecRef[];
  evidence: Evidence[];
  /**
   * Values computed by the check, laid out in order for the inspector, e.g. for PKCE:
   * `code_verifier`, `SHA-256 → base64url`, `code_challenge`.
   */
  computed?: { label: string; value: string }[];
  flowId?: string;
}

export type TokenKind =
  | 'access-token'
  | 'id-token'
  | 'refresh-token'
  | 'logout-token'
  | 'client-assertion'
  | 'authorization-code'
  | 'unknown';

/** Where a token value was seen. */
export interface TokenSighting {
  exchangeId: string;
  /** e.g. `request.header.authorization`, `response.body.access_token`, `request.form.code`. */
  location: string;
}

export interface DecodedClaim {
  name: string;
  value: unknown;
  /** What the claim means, in a phrase. */
  meaning?: string;
  /** For time claims: ISO date and seconds relative to the capture time of the first sighting. */
  time?: { iso: string; relativeSeconds: number };
}

/** `redacted`: the file holds a redaction placeholder where the signature was, so it cannot be checked (neither valid nor invalid). */
export type SignatureStatus = 'verified' | 'invalid' | 'unverifiable' | 'not-signed' | 'not-checked' | 'redacted';

export interface TokenInfo {
  /** Stable id for this token value in this analysis. */
  id: string;
  kind: TokenKind;
  /** The raw value (compact JWT or opaque string). */
  value: string;
  format: 'jwt' | 'opaque';
  header?: Record<string, unknown>;
  claims?: DecodedClaim[];
  signature?: {
    status: SignatureStatus;
    /** One sentence, e.g. `verified with key kid=abc from the JWKS in exchange 12`. */
    detail: string;
    /** The exchange whose JWKS supplied the key that verified (or should have verified) it. */
    jwksExchangeId?: string;
    kid?: string;
  };
  sightings: TokenSighting[];
}

/** One OAuth transaction: values that tie exchanges together (state, code, tokens). */
export interface FlowInfo {
  id: string;
  clientId?: string;
  issuer?: string;
  kind:
    | 'authorization-code'
    | 'implicit'
    | 'hybrid'
    | 'refresh'
    | 'client-credentials'
    | 'password'
    | 'device-code'
    | 'unknown';
  state?: string;
  nonce?: string;
  exchangeIds: string[];
}

/**
 * A back-channel call made while another exchange was being served (its time span lies inside that one's),
 * e.g. the API's JWKS download or introspection inside the API call that needed it.
 */
export interface ExchangeLink {
  /** The back-channel exchange (key download, introspection, …). */
  exchangeId: string;
  /** The exchange it was made for (the API call). */
  servesExchangeId: string;
}

export interface AnalyzeOptions {
  /** The lesson track to map steps onto; without one, `steps` is empty. */
  track?: TrackDefinition;
}

export interface Analysis {
  labels: ExchangeLabel[];
  steps: StepResult[];
  findings: Finding[];
  tokens: TokenInfo[];
  flows: FlowInfo[];
  /** Back-channel calls and the exchanges they served, in the capture order of the back-channel calls. */
  links: ExchangeLink[];
}
