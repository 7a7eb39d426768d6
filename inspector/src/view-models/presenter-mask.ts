// Presenter mode's masks: every secret core's redaction finds (passwords, cookies, tokens, codes, verifiers) gets one label, the same for equal values, until revealed.
import { basicCredentials, clientCredentials, headerValue, redact, type Exchange } from '@oauth-inspector/core';
import { isRedactedPlaceholder } from '@oauth-inspector/core/redaction/placeholders.ts';

/** Secret values and their labels (`token-2`), plus the labels the presenter chose to reveal. */
export interface Masker {
  labels: ReadonlyMap<string, string>;
  revealed: ReadonlySet<string>;
}

/** A piece of text: plain, or a secret shown as its label. */
export type MaskPart = string | { label: string; secret: string };

const SEPARATORS = /([\s;,&=:"'?#/.()[\]{}<>\\]+)/;
const PLACEHOLDER = /^REDACTED-([a-z-]+-\d+)$/;

/** Records where a redacted text differs from the captured one: each differing piece is a secret and its label. */
function learn(original: string, redacted: string, labels: Map<string, string>): void {
  if (original === redacted) return;
  const whole = PLACEHOLDER.exec(redacted);
  if (whole) {
    labels.set(original, whole[1]!);
    return;
  }
  const a = original.split(SEPARATORS);
  const b = redacted.split(SEPARATORS);
  if (a.length !== b.length) return;
  a.forEach((piece, i) => {
    const label = PLACEHOLDER.exec(b[i]!);
    if (label && piece !== b[i] && piece.length >= 4) labels.set(piece, label[1]!);
  });
}

/**
 * Basic credentials hide their secret twice: decoded in the detail (raw and form-decoded, RFC 6749 §2.3.1) and as the
 * base64 on the wire, which anyone watching could decode. Each gets the secret's label; with an empty password the
 * user-id is the key (as core's redaction treats it).
 */
function learnBasic(original: string | undefined, redacted: string | undefined, labels: Map<string, string>): void {
  const a = basicCredentials(original);
  const b = basicCredentials(redacted);
  if (!a || !b || original === redacted) return;
  learn(a.user, b.user, labels);
  learn(a.password, b.password, labels);
  const ca = clientCredentials(original)!;
  const cb = clientCredentials(redacted)!;
  learn(ca.clientId, cb.clientId, labels);
  learn(ca.clientSecret, cb.clientSecret, labels);
  const label = labels.get(a.password) ?? labels.get(a.user);
  const encoded = /^\s*basic\s+(\S+)/i.exec(original ?? '')?.[1];
  if (label && encoded) labels.set(encoded, label);
}

/** Every secret in the exchanges, found by comparing them with core's redaction of them (one label per value). */
export function secretLabels(exchanges: readonly Exchange[]): Map<string, string> {
  const labels = new Map<string, string>();
  const masked = redact(exchanges);
  exchanges.forEach((e, i) => {
    const r = masked[i]!;
    learn(e.request.url, r.request.url, labels);
    e.request.headers.forEach((h, j) => learn(h.value, r.request.headers[j]?.value ?? h.value, labels));
    e.response.headers.forEach((h, j) => learn(h.value, r.response.headers[j]?.value ?? h.value, labels));
    learn(e.request.postData?.text ?? '', r.request.postData?.text ?? '', labels);
    learn(e.response.content.text ?? '', r.response.content.text ?? '', labels);
    learnBasic(headerValue(e.request, 'authorization'), headerValue(r.request, 'authorization'), labels);
  });
  for (const key of labels.keys()) if (isRedactedPlaceholder(key)) labels.delete(key);
  return labels;
}

function pattern(masker: Masker): RegExp | undefined {
  const secrets = [...masker.labels]
    .filter(([, label]) => !masker.revealed.has(label))
    .map(([secret]) => secret)
    .sort((x, y) => y.length - x.length)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return secrets.length ? new RegExp(secrets.join('|'), 'g') : undefined;
}

const patterns = new WeakMap<Masker, RegExp | undefined>();

/** The text cut into plain pieces and masked secrets (none when there is no masker). */
export function maskParts(text: string, masker: Masker | undefined): MaskPart[] {
  if (!masker || !text) return [text];
  if (!patterns.has(masker)) patterns.set(masker, pattern(masker));
  const re = patterns.get(masker);
  if (!re) return [text];
  const parts: MaskPart[] = [];
  let at = 0;
  for (const match of text.matchAll(re)) {
    if (match.index > at) parts.push(text.slice(at, match.index));
    parts.push({ label: masker.labels.get(match[0])!, secret: match[0] });
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/** The text with each secret replaced by its mask label, for places that show text only (bodies, cURL). */
export function maskText(text: string, masker: Masker | undefined): string {
  return maskParts(text, masker)
    .map((p) => (typeof p === 'string' ? p : `‹${p.label}›`))
    .join('');
}

/** True when the text holds a secret not revealed yet (its copy button stays disabled). */
export function isMasked(text: string, masker: Masker | undefined): boolean {
  return maskParts(text, masker).some((p) => typeof p !== 'string');
}
