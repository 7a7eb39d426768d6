// Redaction of a whole session: find every credential by meaning, give each a stable placeholder, replace it everywhere.
import type { Exchange } from '../har.ts';
import { SECRET_KINDS, type SecretKind } from './credential-fields.ts';
import { rewriteBodyText } from './body.ts';
import { rewriteExchange } from './exchange.ts';
import { jwsSignaturesIn, splitJws } from './jws.ts';
import { rewriteUrl } from './params.ts';
import { writtenForms } from './encodings.ts';
import { Placeholders, type RedactedKind } from './placeholders.ts';
import type { Rewrite } from './rewrite.ts';
import { searchedElsewhere, Substituter } from './substitute.ts';
import { mapExchangeStrings } from './walk-strings.ts';

/** A value the caller knows is a secret, wherever it appears (a demo user's password listed on a login page). */
export interface KnownSecret {
  value: string;
  kind: SecretKind;
}

/** Which kinds of secret to keep (by default nothing is kept), and what else to redact. */
export interface RedactionPolicy {
  keep?: readonly SecretKind[];
  /**
   * Values to replace wherever they appear in any written form, even where nothing names them a credential; each
   * is counted only when the session holds it. Each must be one the search looks for (6 characters or more, and not
   * a plain word under 12 letters, see substitute.ts): anything else would match ordinary text, and is refused.
   */
  known?: readonly KnownSecret[];
  /** Placeholders the input already holds (an earlier redaction's counts): new ones of a kind are numbered after them. */
  after?: readonly RedactedKind[];
}

/** Redacted exchanges and what was replaced in them. */
export interface Redaction {
  exchanges: Exchange[];
  redacted: RedactedKind[];
  kept: SecretKind[];
}

/** Registers a credential; a JWS registers only its signature, so its header and claims stay readable. */
function noter(placeholders: Placeholders): Rewrite {
  return (value, kind) => {
    const jws = splitJws(value);
    if (jws) placeholders.note(jws.signature, 'signature');
    else placeholders.note(value, kind);
    return value;
  };
}

/** Writes a registered credential's placeholder (a JWS keeps its signing input); unregistered values stay. */
function replacer(placeholders: Placeholders): Rewrite {
  return (value) => {
    const jws = splitJws(value);
    if (jws) return `${jws.signingInput}.${placeholders.get(jws.signature) ?? jws.signature}`;
    return placeholders.get(value) ?? value;
  };
}

/** Registers every token signature written in free text, and every known secret the text holds in any written form. */
function scanText(placeholders: Placeholders, known: readonly KnownSecret[] = []): (text: string) => string {
  const forms = known.map((secret) => ({ secret, forms: writtenForms(secret.value) }));
  return (text) => {
    for (const signature of jwsSignaturesIn(text)) placeholders.note(signature, 'signature');
    for (const { secret, forms: written } of forms)
      if (written.some((form) => text.includes(form))) placeholders.note(secret.value, secret.kind);
    return text;
  };
}

function placeholdersFor(policy: RedactionPolicy): Placeholders {
  // A known value is found only by searching for it, so one the search would skip as ordinary text is refused.
  for (const { value } of policy.known ?? [])
    if (!searchedElsewhere(value))
      throw new Error(`RedactionPolicy.known: ${JSON.stringify(value)} is too short or too plain to search for`);
  return new Placeholders(new Set(SECRET_KINDS.filter((kind) => !policy.keep?.includes(kind))), policy.after);
}

/**
 * Redaction in two passes over a session, for sessions too long to hold at once: `learn` every exchange first
 * (each credential gets its placeholder), then `redact` each one. Placeholders are numbered across the session, so
 * equal values stay equal in every entry, as in `redactExchanges`. Memory grows with the number of distinct
 * secrets, not with the session.
 */
export class SessionRedactor {
  private readonly placeholders: Placeholders;
  private readonly note: Rewrite;
  private readonly scan: (text: string) => string;
  private readonly replace: Rewrite;
  private substituter: Substituter | undefined;

  constructor(private readonly policy: RedactionPolicy = {}) {
    this.placeholders = placeholdersFor(policy);
    this.note = noter(this.placeholders);
    this.scan = scanText(this.placeholders, policy.known);
    this.replace = replacer(this.placeholders);
  }

  /** First pass: registers every credential of one exchange (read by meaning, plus any token signature in its text). */
  learn(exchange: Exchange): void {
    if (this.substituter)
      throw new Error('SessionRedactor: learn() after redact() — every exchange must be learnt first');
    rewriteExchange(exchange, this.note);
    mapExchangeStrings(exchange, { text: this.scan, body: this.scan });
  }

  /**
   * Second pass: a new exchange with each credential replaced by meaning where it is, and every longer secret
   * replaced in every form wherever else it appears (a Referer, an HTML page, an error message).
   */
  redact(exchange: Exchange): Exchange {
    this.substituter ??= new Substituter(this.placeholders.entries());
    return this.substituter.exchange(rewriteExchange(exchange, this.replace));
  }

  /** What was replaced, by kind, and what the policy kept. */
  summary(): Omit<Redaction, 'exchanges'> {
    return {
      redacted: this.placeholders.report(),
      kept: SECRET_KINDS.filter((kind) => this.policy.keep?.includes(kind)),
    };
  }
}

/** New exchanges with every credential replaced (see credential-fields.ts for what counts as one). The input is not changed. */
export function redactExchanges(exchanges: readonly Exchange[], policy: RedactionPolicy = {}): Redaction {
  const redactor = new SessionRedactor(policy);
  for (const exchange of exchanges) redactor.learn(exchange);
  return { exchanges: exchanges.map((exchange) => redactor.redact(exchange)), ...redactor.summary() };
}

/** One piece of free text (a URL, a body, a header value) redacted on its own, with placeholders numbered for it alone. */
export function redactFreeText(text: string, policy: RedactionPolicy = {}): string {
  const placeholders = placeholdersFor(policy);
  const rewriteAll = (rewrite: Rewrite) => {
    const url = /^([a-z][a-z0-9+.-]*:\/\/|\/)\S*$/i.test(text) ? rewriteUrl(text, rewrite) : text;
    return rewriteBodyText(url, '', rewrite, { client: false });
  };
  rewriteAll(noter(placeholders));
  scanText(placeholders, policy.known)(text);
  const substituter = new Substituter(placeholders.entries());
  return substituter.text(rewriteAll(replacer(placeholders)));
}
