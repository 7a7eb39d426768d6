// capture.host-matches-target: a Host header the proxy flagged becomes one warn finding naming both values; unflagged traffic gives none.
import { describe, expect, it } from 'vitest';
import { analyze, createAnalyzer } from '../analyze.ts';
import { importHar } from '../../har-import.ts';
import { toHarFile } from '../../har-export.ts';
import type { Exchange } from '../../har.ts';
import { anExchange } from '../../testing/an-exchange.ts';
import type { Analysis } from '../types.ts';

const ID = 'capture.host-matches-target';
const TARGET = 'http://127.0.0.1:5123';

/** What the capture proxy records for an absolute-form request whose Host names another site. */
function spoofed(seq: number, host = 'bank.example'): Exchange {
  const base = anExchange({ seq, url: `${TARGET}/spoof`, responseBody: { mimeType: 'text/plain', text: 'hello' } });
  const headers = base.request.headers.map((h) => (h.name === 'Host' ? { name: 'Host', value: host } : h));
  return { ...base, request: { ...base.request, headers }, _hostMismatch: { header: host, target: '127.0.0.1:5123' } };
}

const honest = (seq: number) =>
  anExchange({ seq, url: `${TARGET}/honest`, responseBody: { mimeType: 'text/plain', text: 'hello' } });
const ofCheck = (a: Analysis) => a.findings.filter((f) => f.checkId === ID);

describe(ID, () => {
  it('warns on a flagged exchange, naming the Host header, the connected target and the exchange', async () => {
    const [finding, ...others] = ofCheck(await analyze([honest(0), spoofed(1)]));
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ id: `${ID}:x1`, status: 'warn', severity: 'must' });
    expect(finding!.spec.map((s) => s.label)).toEqual(['RFC 9112 §3.2.2', 'RFC 9110 §7.2']);
    expect(finding!.evidence).toEqual([
      { exchangeId: 'x1', label: 'Host header', value: 'bank.example', location: 'request.header.host' },
      { exchangeId: 'x1', label: 'connected target', value: '127.0.0.1:5123', location: 'request.url' },
    ]);
    expect(finding!.message).toContain('The Host header named bank.example but the proxy connected to 127.0.0.1:5123');
    expect(finding!.message).toContain('servers behind a proxy may route by Host');
    expect(finding!.message).not.toMatch(/malicious|attack|spoof/i);
  });

  it('gives no finding for exchanges the proxy did not flag', async () => {
    expect(ofCheck(await analyze([honest(0), honest(1)]))).toEqual([]);
  });

  it('still warns after the exchange is exported to a HAR file and opened again', async () => {
    const imported = importHar(JSON.stringify(toHarFile([honest(0), spoofed(1)])));
    if (!imported.ok) throw new Error(imported.message);
    expect(ofCheck(await analyze(imported.exchanges)).map((f) => [f.evidence[0]?.exchangeId, f.status])).toEqual([
      ['x1', 'warn'],
    ]);
  });

  it('warns in live (incremental) analysis as in bulk', async () => {
    const live = createAnalyzer();
    live.add(honest(0));
    live.add(spoofed(1));
    expect(ofCheck(await live.result()).map((f) => f.id)).toEqual([`${ID}:x1`]);
  });
});
