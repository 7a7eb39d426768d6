// View-model of the JWT viewer: the analyzer's tokens laid out as header/claims/signature parts with dates, and where each was seen.
import {
  exchangeLabel,
  headerMeaning,
  type Analysis,
  type DecodedClaim,
  type Exchange,
  type TokenInfo,
} from '@oauth-inspector/core';

export interface ClaimView {
  name: string;
  value: string;
  meaning: string;
  time?: string;
}

export interface SightingView {
  exchangeId: string;
  location: string;
  label: string;
}

export interface TokenView {
  id: string;
  kind: string;
  format: 'jwt' | 'opaque';
  /** The three compact parts as text, for the coloured raw view. */
  parts: string[];
  header: ClaimView[];
  claims: ClaimView[];
  /** `label` is what the badge says (`not checkable (redacted)` for a signature redaction removed); `status` picks its colour. */
  signature: { status: string; label: string; detail: string; jwksExchangeId?: string };
  sightings: SightingView[];
}

/** A time relative to the capture (`2 min after capture`) or, for a pasted token, to now (`in 2 min`, `2 min ago`). */
export function formatRelative(seconds: number, anchor: 'capture' | 'now' = 'capture'): string {
  const abs = Math.abs(Math.round(seconds));
  const unit = abs >= 86400 ? [86400, 'd'] : abs >= 3600 ? [3600, 'h'] : abs >= 60 ? [60, 'min'] : [1, 's'];
  const amount = Math.round(abs / (unit[0] as number));
  if (anchor === 'now')
    return amount === 0 ? 'now' : seconds >= 0 ? `in ${amount} ${unit[1]}` : `${amount} ${unit[1]} ago`;
  if (amount === 0) return 'at capture time';
  return seconds >= 0 ? `${amount} ${unit[1]} after capture` : `${amount} ${unit[1]} before capture`;
}

/** The badge text of a signature status: a redacted signature is neither valid nor invalid, only not checkable. */
export function signatureLabel(status: string): string {
  return status === 'redacted' ? 'not checkable (redacted)' : status;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One claim as the analyzer explained it (meaning and time come from core, RFC 7519 §4.1). */
export function claimView(claim: DecodedClaim, anchor: 'capture' | 'now' = 'capture'): ClaimView {
  const time = claim.time ? `${claim.time.iso} (${formatRelative(claim.time.relativeSeconds, anchor)})` : undefined;
  return { name: claim.name, value: show(claim.value), meaning: claim.meaning ?? '', ...(time ? { time } : {}) };
}

/** A JOSE header's parameters with their meanings (RFC 7515 §4.1). */
export function headerViews(header: Record<string, unknown>): ClaimView[] {
  return Object.entries(header).map(([name, value]) => ({
    name,
    value: show(value),
    meaning: headerMeaning(name) ?? '',
  }));
}

export function tokenView(token: TokenInfo, exchanges: ReadonlyMap<string, Exchange>): TokenView {
  const header = headerViews(token.header ?? {});
  return {
    id: token.id,
    kind: token.kind,
    format: token.format,
    parts: token.format === 'jwt' ? token.value.split('.') : [token.value],
    header,
    claims: (token.claims ?? []).map((c) => claimView(c)),
    signature: token.signature
      ? {
          status: token.signature.status,
          label: signatureLabel(token.signature.status),
          detail: token.signature.detail,
          ...(token.signature.jwksExchangeId ? { jwksExchangeId: token.signature.jwksExchangeId } : {}),
        }
      : { status: 'not-checked', label: 'not-checked', detail: 'The signature was not checked.' },
    sightings: token.sightings.map((s) => {
      const exchange = exchanges.get(s.exchangeId);
      return {
        exchangeId: s.exchangeId,
        location: s.location,
        label: exchange
          ? `${exchangeLabel(exchange)} ${exchange.request.method} ${exchange.request.url}`
          : s.exchangeId,
      };
    }),
  };
}

/** Which tokens an exchange carries (token ids), for "open in the JWT viewer" links in the detail view. */
export function tokensInExchange(tokens: readonly TokenInfo[], exchangeId: string): TokenInfo[] {
  return tokens.filter((token) => token.sightings.some((s) => s.exchangeId === exchangeId));
}
