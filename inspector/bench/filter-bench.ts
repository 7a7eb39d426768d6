// Exchange-list filter benchmark on 10,000 exchanges: each filter's time as a ratio of the plain text filter measured in the same run.
import { analyze, type Exchange } from '@oauth-inspector/core';
import {
  exchangeRows,
  filterRows,
  indexAnalysis,
  type ExchangeRow,
  type RowFilter,
} from '../src/view-models/exchange-rows.ts';
import { bigSession } from '../testing/sample-flow.ts';

const COUNT = 10_000;

/** Median of `runs` timings of `work`, in milliseconds. */
function median(runs: number, work: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const fresh = (): Exchange[] => bigSession(COUNT).map((e) => ({ ...e }));
const exchanges = fresh();
const analysis = await analyze(exchanges);
const rows: readonly ExchangeRow[] = exchangeRows(exchanges, analysis);
const run = (filter: RowFilter) => () => filterRows(rows, filter);

const baseline = median(21, run({ text: 'token' }));
// Cold: the first search in headers and bodies builds each exchange's text (new exchange objects, empty memo).
const coldRows = exchangeRows(fresh(), analysis);
const t0 = performance.now();
const found = filterRows(coldRows, { text: 'code_verifier', scope: 'everything' }).length;
const cold = performance.now() - t0;
const results: [string, number][] = [
  ['OAuth only', median(21, run({ oauthOnly: true }))],
  ['two hidden hosts', median(21, run({ hiddenHosts: ['web.localhost', 'api.localhost'] }))],
  ['headers and bodies, first search (builds the text)', cold],
  ['headers and bodies, next searches', median(21, run({ text: 'code_verifier', scope: 'everything' }))],
  [
    'OAuth only + hidden host + headers and bodies',
    median(21, run({ oauthOnly: true, hiddenHosts: ['api.localhost'], text: 'location: ', scope: 'everything' })),
  ],
];
const indexPlain = median(5, () => indexAnalysis(analysis));
const indexWithRelevance = median(5, () => indexAnalysis(analysis, exchanges).isRelevant('b0'));

console.log(
  `Exchange-list filters on ${COUNT} exchanges (baseline: text filter on URL/method/status/step, ${baseline.toFixed(2)} ms)`,
);
for (const [name, ms] of results)
  console.log(`  ${name.padEnd(52)} ${ms.toFixed(2).padStart(8)} ms  ${(ms / baseline).toFixed(1)}× baseline`);
console.log(`  ("code_verifier" found in ${found} exchanges' bodies)`);
console.log(
  `  "OAuth only" relevance, worked out once per analysis on first use: ${indexWithRelevance.toFixed(2)} ms with the row index, ${(indexWithRelevance / indexPlain).toFixed(1)}× the index alone (${indexPlain.toFixed(2)} ms)`,
);
