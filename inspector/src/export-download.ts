// Saves exchanges as a HAR download (redacted on request) named after the moment of export.
import type { Exchange } from '@oauth-inspector/core';
import { exportHar } from './engine.ts';

export function downloadHar(exchanges: readonly Exchange[], redact: boolean): void {
  const file = exportHar(exchanges, redact);
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `oauth-inspector-${new Date().toISOString().replace(/[:.]/g, '-')}${redact ? '-redacted' : ''}.har`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 5000);
}
