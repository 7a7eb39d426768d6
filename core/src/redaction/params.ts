// Credentials in `name=value` lists (query strings, fragments, form bodies, path parameters) and interaction ids in URL paths.
import { credentialKind, SESSION_PATH_MARKERS } from './credential-fields.ts';
import { formDecode } from './encodings.ts';
import type { Rewrite } from './rewrite.ts';

/**
 * A query, fragment or `application/x-www-form-urlencoded` body with the value of every credential parameter
 * rewritten (RFC 6749 §4.1.2, §4.2.2, §4.3.2; WHATWG URL §5.1). Pairs that carry none stay byte for byte.
 */
export function rewriteParams(text: string, rewrite: Rewrite): string {
  return text
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const kind = credentialKind(formDecode(pair.slice(0, eq)));
      if (!kind) return pair;
      const value = formDecode(pair.slice(eq + 1));
      const out = rewrite(value, kind);
      return out === value ? pair : `${pair.slice(0, eq + 1)}${encodeURIComponent(out)}`;
    })
    .join('&');
}

/** Percent-decoding of a path component (`+` is a plus there); the raw text when it is not valid percent-encoding. */
function pathDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The `;name=value` parameters of one path segment (RFC 3986 §3.3), as servlet containers write `;jsessionid=`. */
function rewriteSegmentParams(segment: string, rewrite: Rewrite): string {
  if (!segment.includes(';')) return segment;
  const [name, ...params] = segment.split(';');
  const out = params.map((param) => {
    const eq = param.indexOf('=');
    const kind = eq < 0 ? undefined : credentialKind(pathDecode(param.slice(0, eq)));
    if (!kind) return param;
    const value = pathDecode(param.slice(eq + 1));
    const rewritten = rewrite(value, kind);
    return rewritten === value ? param : `${param.slice(0, eq + 1)}${encodeURIComponent(rewritten)}`;
  });
  return [name, ...out].join(';');
}

/**
 * A URL path with credentials in its segments' `;name=value` parameters rewritten, and the segment after an
 * interaction marker (`/interaction/<uid>`) rewritten as a session id.
 */
function rewritePath(path: string, rewrite: Rewrite): string {
  const segments = path.split('/').map((segment) => rewriteSegmentParams(segment, rewrite));
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === '' || !SESSION_PATH_MARKERS.has(formDecode(segments[i - 1]!).toLowerCase())) continue;
    const value = formDecode(segment);
    const out = rewrite(value, 'session-id');
    if (out !== value) segments[i] = encodeURIComponent(out);
  }
  return segments.join('/');
}

/** A URL (absolute or relative) with credentials rewritten in its path, query and fragment; the rest stays as written. */
export function rewriteUrl(url: string, rewrite: Rewrite): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const fragment = hashAt < 0 ? undefined : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const head = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt < 0 ? undefined : beforeHash.slice(queryAt + 1);
  // Only the path: the scheme and authority (`https://user:pass@host`) are handled by the userinfo rule below.
  const authorityEnd = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(head)?.[0].length ?? 0;
  const authority = rewriteUserinfo(head.slice(0, authorityEnd), rewrite);
  let out = authority + rewritePath(head.slice(authorityEnd), rewrite);
  if (query !== undefined) out += `?${rewriteParams(query, rewrite)}`;
  if (fragment !== undefined) out += `#${rewriteParams(fragment, rewrite)}`;
  return out;
}

/** The password of `scheme://user:password@host` (RFC 3986 §3.2.1 deprecates it, so it is a password wherever it appears). */
function rewriteUserinfo(authority: string, rewrite: Rewrite): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)([^@/]*)(@.*)$/i.exec(authority);
  if (!m) return authority;
  const value = formDecode(m[2]!);
  const out = rewrite(value, 'password');
  return out === value ? authority : `${m[1]}${encodeURIComponent(out)}${m[3]}`;
}
