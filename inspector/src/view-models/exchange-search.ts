// The text a "headers and bodies" search looks in: per exchange, lower-cased, built once on first search and kept while the exchange lives.
import {
  contentText,
  formParams,
  postDataText,
  queryParams,
  type Exchange,
  type HarContent,
} from '@oauth-inspector/core';

/** Each body is searched in its first 256 KiB (bounded work on large downloads); the filter bar says so. */
export const SEARCH_BODY_CAP = 256 * 1024;
export const SEARCH_BODY_CAP_LABEL = '256 KiB';

const texts = new WeakMap<Exchange, string>();

/** A body's text, cut before decoding so a large base64 body costs no more than its searched part. */
function cappedContent(content: HarContent | undefined): string {
  if (!content || typeof content.text !== 'string') return '';
  const raw = content.encoding === 'base64' ? content.text.slice(0, Math.ceil(SEARCH_BODY_CAP / 3) * 4) : content.text;
  return contentText({ ...content, text: raw }).slice(0, SEARCH_BODY_CAP);
}

function cappedPostData(exchange: Exchange): string {
  const postData = exchange.request.postData;
  if (!postData || typeof postData.text !== 'string') return '';
  const raw =
    postData._encoding === 'base64' ? postData.text.slice(0, Math.ceil(SEARCH_BODY_CAP / 3) * 4) : postData.text;
  return postDataText({ ...postData, text: raw }).slice(0, SEARCH_BODY_CAP);
}

const lines = (pairs: readonly { name: string; value: string }[], sep: string) =>
  pairs.map((p) => `${p.name}${sep}${p.value}`).join('\n');

/**
 * URL (also with its query decoded), request and response header names and values, and both bodies as text (a form
 * body also decoded), lower-cased for a case-insensitive search. Memoized per exchange object.
 */
export function searchText(exchange: Exchange): string {
  let text = texts.get(exchange);
  if (text !== undefined) return text;
  const { request, response } = exchange;
  const form = (request.postData?.text?.length ?? 0) <= SEARCH_BODY_CAP ? formParams(request) : [];
  text = [
    `${request.method} ${request.url} ${response.status} ${response.statusText}`,
    lines(queryParams(request.url), '='),
    lines(request.headers, ': '),
    cappedPostData(exchange),
    lines(form, '='),
    lines(response.headers, ': '),
    cappedContent(response.content),
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  texts.set(exchange, text);
  return text;
}
