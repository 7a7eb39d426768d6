// Test helper: reads a generated recording of lessons/recordings/ once and analyses it against both lesson tracks.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { analyze, importHar, type Analysis, type CheckId, type Exchange, type Finding } from '@oauth-inspector/core';
import { loadTrack } from '../load-track-node.ts';

export const RECORDINGS_DIR = fileURLToPath(new URL('../../recordings/', import.meta.url));

/** Every recording scripts/record-lessons.ts writes. */
export const RECORDING_NAMES = [
  'happy-path',
  'token-expiry',
  'wrong-audience',
  'invalid-scope',
  'bad-jwks-url',
  'introspection',
  'bad-introspection-secret',
  'unknown-client',
  'unregistered-redirect-uri',
  'other-users-item',
  'jwks-cache',
  'legacy-happy-path',
  'legacy-token-expiry',
  'legacy-wrong-introspection-secret',
  'legacy-invalid-scope',
];

/** The recordings of the code-flow design (the legacy ones run seed 000's implicit flow, which the code-flow lessons do not describe). */
export const CODE_FLOW_RECORDING_NAMES = RECORDING_NAMES.filter((name) => !name.startsWith('legacy-'));

export interface Recording {
  exchanges: Exchange[];
  codeFlow: Analysis;
  legacy: Analysis;
}

const cache = new Map<string, Promise<Recording>>();

/** Reads and analyses one recording once, against the code-flow and the legacy track. */
export function recording(name: string): Promise<Recording> {
  let pending = cache.get(name);
  if (!pending) {
    pending = (async () => {
      const imported = importHar(await readFile(`${RECORDINGS_DIR}${name}.har`, 'utf8'));
      if (!imported.ok) throw new Error(`${name}.har does not import: ${imported.message}`);
      const exchanges = imported.exchanges;
      return {
        exchanges,
        codeFlow: await analyze(exchanges, { track: await loadTrack('code-flow') }),
        legacy: await analyze(exchanges, { track: await loadTrack('implicit-and-introspection') }),
      };
    })();
    cache.set(name, pending);
  }
  return pending;
}

export function stepStatus(a: Analysis, n: number): string | undefined {
  return a.steps.find((s) => s.number === n)?.status;
}

export function findings(a: Analysis, checkId: CheckId): Finding[] {
  return a.findings.filter((f) => f.checkId === checkId);
}

/** The exchanges of one step of an analysis, in capture order. */
export function stepExchanges(r: Recording, a: Analysis, n: number): Exchange[] {
  const ids = a.steps.find((s) => s.number === n)?.exchangeIds ?? [];
  return ids.map((id) => r.exchanges.find((e) => e._id === id)!);
}

/**
 * The back-channel exchanges that started inside one of these exchanges' time span (a key download or an
 * introspection made while the API served a call): they belong to that call, although captured after it.
 */
export function nestedBackChannel(r: Recording, exchanges: Exchange[]): Exchange[] {
  const spans = exchanges.map((e) => [Date.parse(e.startedDateTime), Date.parse(e.startedDateTime) + e.time]);
  return r.exchanges.filter((e) => {
    const start = Date.parse(e.startedDateTime);
    return (
      e._channel === 'back-channel' && !exchanges.includes(e) && spans.some(([a, b]) => start >= a! && start <= b!)
    );
  });
}
