// View-model of one message in lesson mode: laid out as an article shows it, the fields the step talks about marked with their note and the finding that checked them.
import {
  contentText,
  headerValue,
  jsonObject,
  queryParams,
  safeUrl,
  type Analysis,
  type Exchange,
  type Finding,
  type TokenInfo,
} from '@oauth-inspector/core';
import { exchangeDetail } from './exchange-detail.ts';
import { noteFor, type FocusNote } from './lesson-focus.ts';
import { tokenView } from './tokens.ts';

/** The finding a highlighted field links to. */
export interface FocusFinding {
  id: string;
  checkId: string;
  status: string;
  title: string;
}

export interface FieldFocus {
  note: string;
  finding?: FocusFinding;
}

export interface FieldPart {
  text: string;
  focus?: FieldFocus;
}

export interface FieldRow {
  name: string;
  value: string;
  /** Set when the step talks about this field. */
  focus?: FieldFocus;
  /** Cookie attributes (`HttpOnly`, `SameSite=Lax`), each highlightable on its own. */
  attributes?: FieldPart[];
}

export interface MessageSection {
  title: string;
  /** Rows shown in place. */
  rows: FieldRow[];
  /** Rows the step does not talk about, folded away (headers). */
  folded: FieldRow[];
}

export interface LessonMessage {
  id: string;
  /** `GET https://login.localhost/auth`, the query shown as parameters below. */
  requestLine: string;
  statusLine: string;
  channel: string;
  sections: MessageSection[];
  /** How many fields the step's notes highlight in this message. */
  focused: number;
}

/** Where a finding's evidence points: `request.query.code_challenge` → `code_challenge`. */
function evidenceNames(finding: Finding, exchangeId: string): string[] {
  return finding.evidence
    .filter((e) => e.exchangeId === exchangeId && e.location)
    .map((e) => e.location!.split('.').pop()!.toLowerCase());
}

/** The finding that checked a field: one of the step's whose evidence points at it here, else any on this exchange. */
function findingFor(name: string, exchangeId: string, stepFindings: readonly Finding[], all: readonly Finding[]) {
  const wanted = name.toLowerCase();
  const points = (f: Finding) => evidenceNames(f, exchangeId).includes(wanted);
  const hit = stepFindings.find(points) ?? all.find(points);
  return hit ? { id: hit.id, checkId: hit.checkId, status: hit.status, title: hit.title } : undefined;
}

type Focuser = (name: string) => FieldFocus | undefined;

function focuser(notes: readonly FocusNote[], exchangeId: string, step: readonly Finding[], all: readonly Finding[]) {
  return (name: string): FieldFocus | undefined => {
    const note = noteFor(notes, name);
    if (!note) return undefined;
    const finding = findingFor(name, exchangeId, step, all);
    return { note: note.note, ...(finding ? { finding } : {}) };
  };
}

function row(name: string, value: string, focus: Focuser): FieldRow {
  const f = focus(name);
  return { name, value, ...(f ? { focus: f } : {}) };
}

/** Every row in place (parameters, claims, body fields). */
function open(title: string, rows: FieldRow[]): MessageSection[] {
  return rows.length ? [{ title, rows, folded: [] }] : [];
}

/** Highlighted rows in place, the rest folded (headers). */
function folding(title: string, rows: FieldRow[]): MessageSection[] {
  if (!rows.length) return [];
  return [{ title, rows: rows.filter((r) => r.focus), folded: rows.filter((r) => !r.focus) }];
}

function cookieRows(cookies: { name: string; value: string; attributes: string[] }[], focus: Focuser): FieldRow[] {
  return cookies.map((c) => {
    const attributes = c.attributes.map((text) => {
      const f = focus(text.split('=')[0]!);
      return { text, ...(f ? { focus: f } : {}) };
    });
    const own = focus(c.name);
    const first = own ?? attributes.find((a) => a.focus)?.focus;
    return { name: c.name, value: c.value, attributes, ...(first ? { focus: first } : {}) };
  });
}

/** A long encoded value (a JWT in a token response) cut to its start: its decoded form is shown above. */
function short(text: string): string {
  return text.length > 120 ? `${text.slice(0, 72)}… (${text.length} characters)` : text;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The tokens of this message the step's findings are about (by their evidence's token or location), so that the
 * ID token's step does not mark the access token's `aud`; all of them when no finding names one.
 */
function tokensInFocus(here: readonly TokenInfo[], exchangeId: string, stepFindings: readonly Finding[]): Set<string> {
  const evidence = stepFindings.flatMap((f) => f.evidence).filter((e) => e.exchangeId === exchangeId);
  const where = (t: TokenInfo) => t.sightings.find((s) => s.exchangeId === exchangeId)?.location ?? '\u0000';
  // Evidence on a claim (`response.body.id_token.nonce`) names its token more surely than evidence on a whole token.
  const byClaim = here.filter((t) => evidence.some((e) => (e.location ?? '').startsWith(`${where(t)}.`)));
  const whole = here.filter((t) => evidence.some((e) => e.tokenId === t.id || e.location === where(t)));
  return new Set((byClaim.length ? byClaim : whole.length ? whole : here).map((t) => t.id));
}

function tokenSections(exchange: Exchange, analysis: Analysis, focus: Focuser, stepFindings: readonly Finding[]) {
  const here = analysis.tokens.filter(
    (t) => t.format === 'jwt' && t.sightings.some((s) => s.exchangeId === exchange._id),
  );
  const inFocus = tokensInFocus(here, exchange._id, stepFindings);
  const byId = new Map([[exchange._id, exchange]]);
  return here.flatMap((token): MessageSection[] => {
    const view = tokenView(token, byId);
    const where = token.sightings.find((s) => s.exchangeId === exchange._id)?.location ?? '';
    const mark: Focuser = inFocus.has(token.id) ? focus : () => undefined;
    const rows = [
      ...view.header.map((h) => row(h.name, h.value, mark)),
      ...view.claims.map((c) => row(c.name, c.time ? `${c.value} — ${c.time}` : c.value, mark)),
    ];
    return open(`${token.kind} decoded (${where})`, rows);
  });
}

/** One exchange laid out for a step: request line, parameters, headers, cookies, body fields, decoded tokens. */
export function lessonMessage(
  exchange: Exchange,
  analysis: Analysis,
  notes: readonly FocusNote[],
  stepFindingIds: readonly string[],
): LessonMessage {
  const detail = exchangeDetail(exchange);
  const ids = new Set(stepFindingIds);
  const stepFindings = analysis.findings.filter((f) => ids.has(f.id));
  const focus = focuser(notes, exchange._id, stepFindings, analysis.findings);
  const pairs = (list: { name: string; value: string }[]) => list.map((p) => row(p.name, p.value, focus));
  const location = headerValue(exchange.response, 'location');
  const body = jsonObject(contentText(exchange.response.content));
  const url = safeUrl(exchange.request.url);
  const sections = [
    ...open('Query parameters', pairs(detail.query)),
    ...open('Form body', pairs(detail.form)),
    ...folding('Request headers', pairs(detail.request.headers)),
    ...open('Cookies sent', cookieRows(detail.request.cookies, focus)),
    ...folding('Response headers', pairs(detail.response.headers)),
    ...open('Redirect parameters (Location)', location ? pairs(queryParams(location)) : []),
    ...open('Cookies set', cookieRows(detail.response.cookies, focus)),
    // Decoded tokens before the raw body, whose long encoded values they explain.
    ...tokenSections(exchange, analysis, focus, stepFindings),
    ...open('Response body', body ? Object.entries(body).map(([k, v]) => row(k, short(show(v)), focus)) : []),
  ];
  const focused = sections.reduce((n, s) => n + s.rows.filter((r) => r.focus).length, 0);
  return {
    id: exchange._id,
    requestLine: `${exchange.request.method} ${url ? `${url.origin}${url.pathname}` : exchange.request.url}`,
    statusLine: detail.statusLine,
    channel: detail.channel,
    sections,
    focused,
  };
}
