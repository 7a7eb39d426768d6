// Test helper: the names a lesson's "What to look at" section puts in backticks, and what the traffic of a step holds.
import type { Analysis, Exchange } from '@oauth-inspector/core';
import {
  contentText,
  formParams,
  parseJson,
  postDataText,
  queryParams,
  safeUrl,
} from '@oauth-inspector/core/exchange-read.ts';

/** The visible marker after a backticked name that the lesson explains but this traffic does not carry. */
export const NOT_IN_TRAFFIC = '*(not in this traffic)*';

export interface LookedAtName {
  /** The text between the backticks. */
  name: string;
  /** The bullet or paragraph it stands in. */
  item: string;
  /** Steps the item points at ("step 8"), whose exchanges may back the name too. */
  steps: number[];
  /** Followed by NOT_IN_TRAFFIC. */
  markedAbsent: boolean;
}

/** The section under `## What to look at in this message`, up to the next `## ` heading. */
export function lookAtSection(body: string): string {
  const start = body.indexOf('## What to look at in this message');
  if (start < 0) return '';
  const rest = body.slice(start).split('\n').slice(1).join('\n');
  const next = rest.search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next);
}

/** Bullets (`-`, `1.`) and paragraphs of a section, each as one line of text. */
function items(section: string): string[] {
  const out: string[] = [];
  for (const line of section.split('\n')) {
    if (/^\s*$/.test(line)) out.push('');
    else if (/^\s*(-|\d+\.)\s/.test(line) || out.length === 0 || out.at(-1) === '') out.push(line.trim());
    else out[out.length - 1] = `${out.at(-1)} ${line.trim()}`;
  }
  return out.filter(Boolean);
}

export function lookedAtNames(body: string): LookedAtName[] {
  return items(lookAtSection(body)).flatMap((item) => {
    const steps = [...item.matchAll(/\bsteps? (\d+)/g)].map((m) => Number(m[1]));
    return [...item.matchAll(/`([^`]+)`/g)].map((m) => ({
      name: m[1] as string,
      item,
      steps,
      markedAbsent: item.slice((m.index ?? 0) + m[0].length).startsWith(` ${NOT_IN_TRAFFIC}`),
    }));
  });
}

/** Every JSON leaf as `key` and `key: value` lines. */
function jsonFacts(value: unknown, out: string[]): void {
  if (Array.isArray(value)) for (const v of value) jsonFacts(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      out.push(key);
      if (v === null || typeof v !== 'object') out.push(`${key}: ${String(v)}`);
      else jsonFacts(v, out);
    }
  } else if (value !== undefined) out.push(String(value));
}

/** What an exchange holds, one fact a line: method, status, URL and parameters, headers, bodies, decoded tokens. */
export function exchangeFacts(exchange: Exchange, analysis: Analysis): string {
  const { request, response } = exchange;
  const facts = [request.method, `status ${response.status}`, decodeURIComponent(request.url)];
  const url = safeUrl(request.url);
  if (url) facts.push(`${request.method} ${decodeURIComponent(url.pathname)}`);
  for (const p of [...queryParams(request.url), ...formParams(request)]) facts.push(p.name, `${p.name}=${p.value}`);
  for (const h of [...request.headers, ...response.headers]) facts.push(h.name, `${h.name}: ${h.value}`);
  for (const text of [postDataText(request.postData), contentText(response.content)]) {
    facts.push(text);
    jsonFacts(parseJson(text), facts);
  }
  for (const token of analysis.tokens.filter((t) => t.sightings.some((s) => s.exchangeId === exchange._id))) {
    jsonFacts(token.header, facts);
    for (const claim of token.claims ?? []) jsonFacts({ [claim.name]: claim.value }, facts);
  }
  return facts.join('\n').toLowerCase();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the traffic holds the name: the part before a placeholder (`<…>`, `…`), word-bounded, case-insensitive. */
export function trafficHolds(facts: string, name: string): boolean {
  const statusClass = /^([1-5])xx$/.exec(name);
  if (statusClass) return new RegExp(`^status ${statusClass[1]}\\d\\d$`, 'm').test(facts);
  const [head, ...placeholder] = name.split(/<|…|\.\.\./);
  const wanted = (head ?? '').trim().toLowerCase();
  if (wanted === '') return true;
  // A name of one or two characters (`n`, `e`) counts only as a whole fact, not inside base64 text.
  if (wanted.length <= 2) return facts.split('\n').includes(wanted);
  const before = /^\w/.test(wanted) ? '(?<![a-z0-9_])' : '';
  // A name cut at a placeholder (`eyJ…`) goes on in the traffic: no boundary after it.
  const after = /\w$/.test(wanted) && placeholder.length === 0 ? '(?![a-z0-9_])' : '';
  return new RegExp(`${before}${escape(wanted)}${after}`).test(facts);
}
