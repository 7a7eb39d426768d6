// The public face of core/: the exchange model, the feed protocol, readers, and the analyzer's types.
export * from './har.ts';
export * from './feed-protocol.ts';
export * from './exchange-read.ts';
export * from './exchange-number.ts';
export * from './analysis/ids.ts';
export type * from './analysis/types.ts';
export * from './analysis/analyze.ts';
export * from './analysis/check-catalogue.ts';
export { RECOGNIZERS, type Recognizer } from './analysis/recognizers.ts';
export * from './har-import.ts';
export * from './har-export.ts';
export * from './text/visible-text.ts';
export * from './http/cookies.ts';
export * from './http/browser-background.ts';
export * from './http/resource-kind.ts';
export { oauthRelevant } from './analysis/oauth-relevance.ts';
export {
  CLAIM_MEANINGS,
  HEADER_MEANINGS,
  TIME_CLAIMS,
  claimMeaning,
  headerMeaning,
  type Meaning,
} from './analysis/claim-meanings.ts';
export * from './http/basic-credentials.ts';
export {
  capturedKeySets,
  findPastedJwt,
  inspectPastedToken,
  type KeySetKey,
  type PastedToken,
} from './analysis/pasted-token.ts';
