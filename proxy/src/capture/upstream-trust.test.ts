// Upstream trust with real servers: an HTTPS origin signed by a private CA is refused, trusted, or left unverified.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyAgent, fetch as undiciFetch } from 'undici';
import { importHar, type Exchange } from '@oauth-inspector/core';
import { openLocalCa, type LocalCa } from '../ca/local-ca.ts';
import { upstreamOptions } from '../cli/upstream-options.ts';
import type { Values } from '../cli/options.ts';
import { startHttpsServer, type TestServer } from '../testing/servers.ts';
import { startCaptureKit, type CaptureKit } from './capture-test-kit.ts';

let home: string;
/** A CA the proxy knows nothing about, like mkcert's: it signs the origin's certificate (127.0.0.1 and localhost). */
let privateCa: LocalCa;
let origin: TestServer;
const kits: CaptureKit[] = [];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'oi-upstream-trust-'));
  privateCa = await openLocalCa(join(home, 'private-ca'));
  origin = await startHttpsServer(privateCa, (_req, res) => res.end('hello over TLS'));
});

afterAll(async () => {
  for (const kit of kits) await kit.close();
  await origin?.close();
  await rm(home, { recursive: true, force: true });
});

async function kit(options: Parameters<typeof startCaptureKit>[0] = {}): Promise<CaptureKit> {
  const started = await startCaptureKit(options);
  kits.push(started);
  return started;
}

/** GET through the proxy's CONNECT tunnel, trusting the proxy's own CA as a browser set up for it would. */
async function get(k: CaptureKit, host: string): Promise<{ status: number; body: string; exchange: Exchange }> {
  const dispatcher = new ProxyAgent({ uri: k.proxy.url, requestTls: { ca: k.ca.caCertPem } });
  try {
    const res = await undiciFetch(`https://${host}:${origin.port}/trust`, { dispatcher });
    const body = await res.text();
    const deadline = Date.now() + 5000;
    let found: Exchange | undefined;
    while (
      !(found = k.events.find((e) => e.type !== 'started' && e.exchange.request.url.includes(`//${host}:`))?.exchange)
    ) {
      if (Date.now() > deadline) throw new Error(`no finished exchange for ${host}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return { status: res.status, body, exchange: found };
  } finally {
    await dispatcher.close();
  }
}

describe('upstream trust', () => {
  it('refuses a certificate from an unknown CA, naming the host, the reason and the options that fix it', async () => {
    const logs: string[] = [];
    const k = await kit({ log: (line) => logs.push(line) });
    const { status, body, exchange } = await get(k, '127.0.0.1');
    expect(status).toBe(502);
    expect(exchange._error?.code).toBe('tls-error');
    const message = `The TLS connection to https://127.0.0.1:${origin.port} failed: unable to verify the first certificate; if you trust it, use --upstream-ca <your CA file> or --insecure-upstream 127.0.0.1.`;
    expect(exchange._error?.message).toBe(message);
    expect(body).toContain('use --upstream-ca &#60;your CA file&#62; or --insecure-upstream 127.0.0.1');
    expect(logs).toEqual([`proxy: ${message}`]);
    expect(exchange._insecureUpstream).toBeUndefined();
  });

  it('trusts a CA given as upstreamCa, besides the usual roots', async () => {
    const k = await kit({ upstreamCa: [privateCa.caCertPem] });
    const { status, body, exchange } = await get(k, '127.0.0.1');
    expect([status, body]).toEqual([200, 'hello over TLS']);
    expect(exchange._insecureUpstream).toBeUndefined();
  });

  it('skips verification for the insecure hosts only, and flags their exchanges', async () => {
    const k = await kit({ insecureUpstream: ['LOCALHOST'] });
    const insecure = await get(k, 'localhost');
    expect([insecure.status, insecure.body]).toEqual([200, 'hello over TLS']);
    expect(insecure.exchange._insecureUpstream).toBe(true);
    const har = { log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [insecure.exchange] } };
    const imported = importHar(JSON.stringify(har));
    expect(imported.ok && imported.exchanges[0]?._insecureUpstream).toBe(true);
    const other = await get(k, '127.0.0.1');
    expect(other.status).toBe(502);
    expect(other.exchange._error?.code).toBe('tls-error');
    expect(other.exchange._insecureUpstream).toBeUndefined();
  });

  it('honours NODE_EXTRA_CA_CERTS through the option builder, and warns once on a file it cannot read', async () => {
    const lines: string[] = [];
    const values = {} as Values;
    const options = upstreamOptions(values, (l) => lines.push(l), { NODE_EXTRA_CA_CERTS: privateCa.caCertPath });
    expect(lines).toEqual([]);
    const k = await kit(options);
    expect((await get(k, '127.0.0.1')).status).toBe(200);
    const missing = join(home, 'missing.pem');
    expect(upstreamOptions(values, (l) => lines.push(l), { NODE_EXTRA_CA_CERTS: missing })).toEqual({});
    expect(lines).toEqual([
      `Warning: NODE_EXTRA_CA_CERTS names ${missing}, which does not exist: the proxy trusts no extra CA from it; fix the variable or use --upstream-ca <file>.`,
    ]);
  });
});
