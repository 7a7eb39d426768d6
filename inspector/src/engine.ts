// Binds the inspector to core's analyzer and HAR import/export, so components never call them directly.
import type { Analysis, AnalyzeOptions, Exchange, HarFile } from '@oauth-inspector/core';
import {
  analyze as coreAnalyze,
  createAnalyzer as coreCreateAnalyzer,
} from '@oauth-inspector/core/analysis/analyze.ts';
import { importHar as coreImportHar, type HarImportResult } from '@oauth-inspector/core/har-import.ts';
import { redact, toHarFile } from '@oauth-inspector/core/har-export.ts';
import { EMPTY_ANALYSIS } from './state/store.ts';

export type { HarImportResult };

export interface Analyzer {
  add(exchange: Exchange): void;
  result(): Promise<Analysis>;
}

export { EMPTY_ANALYSIS };

export function createAnalyzer(options: AnalyzeOptions): Analyzer {
  return coreCreateAnalyzer(options);
}

/** Runs an analysis, turning an analyzer bug into an empty result plus a console error instead of a broken page. */
export async function analyzeTimed(run: () => Promise<Analysis>): Promise<Analysis> {
  try {
    return await run();
  } catch (error) {
    console.error('analysis failed', error);
    return EMPTY_ANALYSIS;
  }
}

export async function analyze(exchanges: readonly Exchange[], options: AnalyzeOptions): Promise<Analysis> {
  return analyzeTimed(() => coreAnalyze(exchanges, options));
}

export function importHar(text: string): HarImportResult {
  return coreImportHar(text);
}

/** A HAR document for export; redacted when asked, by meaning (core/src/redaction/: credentials, cookies, token signatures). */
export function exportHar(exchanges: readonly Exchange[], redactSecrets: boolean): HarFile {
  return toHarFile(redactSecrets ? redact(exchanges) : exchanges, {
    creator: { name: 'OAuth Inspector', version: '0.1.0' },
  });
}
