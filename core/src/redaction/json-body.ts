// Credentials in JSON at any depth: members named for a credential, private JWK members, JSON nested in strings.
import { AUTHORIZATION_HEADERS, credentialKind, JWK_PRIVATE_MEMBERS, type SecretKind } from './credential-fields.ts';
import { rewriteAuthorization } from './authorization.ts';
import { rewriteParams, rewriteUrl } from './params.ts';
import { rewritePemKeys } from './pem.ts';
import type { Rewrite, RewriteContext } from './rewrite.ts';

type Json = null | boolean | number | string | Json[] | { [name: string]: Json };

/**
 * What may come before a JSON document and is no part of it: a BOM, and the anti-XSSI prefixes servers put in
 * front of JSON so a `<script>` cannot run it (`)]}'` as Angular and Google APIs write it, `while(1);`, `for(;;);`).
 */
const JSON_PREFIX = /^\ufeff?(?:(?:\)\]\}'?,?|while\s*\(\s*1\s*\)\s*;|for\s*\(\s*;\s*;\s*\)\s*;)\s*)?/;

/** The text split into its prefix (see JSON_PREFIX, possibly empty) and the rest. */
function splitJsonPrefix(text: string): [prefix: string, body: string] {
  const prefix = JSON_PREFIX.exec(text)?.[0] ?? '';
  return [prefix, text.slice(prefix.length)];
}

/** Parses JSON text (a BOM or an XSSI prefix allowed), or undefined when it is not a JSON object or array. */
export function parseJsonDocument(text: string): Json | undefined {
  const body = splitJsonPrefix(text)[1];
  if (!/^\s*[[{]/.test(body)) return undefined;
  try {
    return JSON.parse(body) as Json;
  } catch {
    return undefined;
  }
}

/** Writes JSON back the way it came: after the same prefix, indented when the original was, compact otherwise. */
export function stringifyLike(original: string, value: Json): string {
  const [prefix, body] = splitJsonPrefix(original);
  const indent = /^\s*[[{]\s*\n(\s+)/.exec(body)?.[1]?.length ?? 0;
  return `${prefix}${JSON.stringify(value, null, indent || undefined)}`;
}

/** Every scalar under a credential member is that credential: numbers and booleans become placeholder strings when redacted. */
function rewriteLeaves(node: Json, kind: SecretKind, rewrite: Rewrite): Json {
  if (Array.isArray(node)) return node.map((item) => rewriteLeaves(item, kind, rewrite));
  if (node !== null && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rewriteLeaves(v, kind, rewrite)]));
  if (node === null) return node;
  const text = String(node);
  const out = rewrite(text, kind);
  return out === text ? node : out;
}

/** A string that is itself a document: nested JSON, a URL, a form-encoded list, or one holding a PEM private key. */
function rewriteString(value: string, rewrite: Rewrite, context: RewriteContext): string {
  const nested = parseJsonDocument(value);
  if (nested !== undefined) {
    const out = rewriteJsonValue(nested, rewrite, context);
    return out === nested ? value : JSON.stringify(out);
  }
  if (/^([a-z][a-z0-9+.-]*:\/\/|\/)\S*$/i.test(value)) return rewriteUrl(value, rewrite);
  if (/^[^\s=&]+=[^\s&]*(&[^\s=&]+=[^\s&]*)+$/.test(value)) return rewriteParams(value, rewrite);
  return rewritePemKeys(value, rewrite);
}

/** Where the object a member sits in says what it is: a JWK (RFC 7517 §4.1 `kty`), or an OAuth request (`grant_type`). */
interface Siblings {
  jwk: boolean;
  oauth: boolean;
}

function memberKind(name: string, siblings: Siblings): SecretKind | undefined {
  const kind = credentialKind(name);
  // `code` is an authorization code only beside `grant_type` (a JSON token request); elsewhere in JSON it is an error code.
  if (kind === 'code') return siblings.oauth ? kind : undefined;
  return kind ?? (siblings.jwk && JWK_PRIVATE_MEMBERS.has(name) ? 'private-key' : undefined);
}

function rewriteMember(name: string, value: Json, siblings: Siblings, rewrite: Rewrite, context: RewriteContext): Json {
  if (typeof value === 'string' && AUTHORIZATION_HEADERS.has(name.toLowerCase()))
    return rewriteAuthorization(value, rewrite, context);
  const kind = memberKind(name, siblings);
  return kind ? rewriteLeaves(value, kind, rewrite) : rewriteJsonValue(value, rewrite, context);
}

/** A JSON value with every credential rewritten; the same object back when nothing changed. */
export function rewriteJsonValue(node: Json, rewrite: Rewrite, context: RewriteContext): Json {
  if (typeof node === 'string') return rewriteString(node, rewrite, context);
  if (node === null || typeof node !== 'object') return node;
  let changed = false;
  const keep = <T extends Json>(before: Json, after: T): T => {
    if (after !== before) changed = true;
    return after;
  };
  if (Array.isArray(node)) {
    const items = node.map((item) => keep(item, rewriteJsonValue(item, rewrite, context)));
    return changed ? items : node;
  }
  // A JWK keeps its public members; its private ones are secret.
  const siblings: Siblings = { jwk: typeof node.kty === 'string', oauth: typeof node.grant_type === 'string' };
  const entries = Object.entries(node).map(
    ([name, value]) => [name, keep(value, rewriteMember(name, value, siblings, rewrite, context))] as const,
  );
  return changed ? Object.fromEntries(entries) : node;
}

/** JSON text with every credential rewritten, or undefined when the text is not a JSON document. */
export function rewriteJsonText(text: string, rewrite: Rewrite, context: RewriteContext): string | undefined {
  const parsed = parseJsonDocument(text);
  if (parsed === undefined) return undefined;
  const out = rewriteJsonValue(parsed, rewrite, context);
  return out === parsed ? text : stringifyLike(text, out);
}
