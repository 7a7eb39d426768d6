// Benchmark child process: origins (HTTP, HTTPS), a bare http-mitm-proxy baseline, the capture stack and the rivals.
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createSecureContext, rootCertificates } from 'node:tls';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Proxy } from 'http-mitm-proxy';
import { openLocalCa } from '../src/ca/local-ca.ts';
import { startStack } from '../src/stack.ts';
import { caKeyOf, startMitmdump, startMockttp } from './bench-rivals.ts';
import { pinSelf } from './pin.ts';

// Pinned before anything starts, so every thread, and mitmdump, inherits CPU 1 (see pin.ts).
if (process.env.BENCH_PIN === '1') pinSelf(1);
const home = await mkdtemp(join(tmpdir(), 'oi-bench-'));
const ca = await openLocalCa(join(home, 'config', 'ca'));
const body = JSON.stringify({
  keys: Array.from({ length: 12 }, (_, i) => ({ kid: `key-${i}`, kty: 'RSA', n: 'x'.repeat(40) })),
});
const handler = (_req: unknown, res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};
const origin = createServer(handler);
await new Promise<void>((r) => origin.listen(0, '127.0.0.1', () => r()));
const secure = createHttpsServer(
  { key: ca.leafKeyPem, cert: await ca.certificateFor(['127.0.0.1', 'localhost']) },
  handler,
);
await new Promise<void>((r) => secure.listen(0, '127.0.0.1', () => r()));

// Baseline: http-mitm-proxy with no hooks, same agents and CA as ours.
const bare = new Proxy();
bare.onCertificateRequired = (hostname, cb) =>
  cb(null, { keyFile: ca.leafKeyPath, certFile: ca.certPathFor(hostname), hosts: [hostname] });
bare.onCertificateMissing = (ctx, _files, cb) => {
  ca.certificateFor([ctx.hostname]).then((pem) =>
    cb(null, { certFileData: pem, keyFileData: ca.leafKeyPem, hosts: [ctx.hostname] }),
  );
};
await new Promise<void>((resolve) =>
  bare.listen(
    {
      host: '127.0.0.1',
      port: 0,
      keepAlive: true,
      sslCaDir: ca.dir,
      httpAgent: new HttpAgent({ keepAlive: true }),
      // The same trust store as the capture proxy, built once (see capture-proxy.ts), so both pay alike per connection.
      httpsAgent: new HttpsAgent({
        keepAlive: true,
        secureContext: createSecureContext({ ca: [...rootCertificates, ca.caCertPem] }),
      }),
    },
    () => resolve(),
  ),
);

const memoryCap = Number(process.env.BENCH_MEMORY_CAP ?? 16 * 1024 * 1024);
const stack = await startStack({ port: 0, inspectorPort: null, env: { OAUTH_INSPECTOR_HOME: home }, memoryCap });

const caKey = caKeyOf(ca);
const mockttp = await startMockttp(ca, caKey);
const mitmDir = await mkdtemp(join(tmpdir(), 'oi-bench-mitm-'));
const mitmdump = await startMitmdump(ca, caKey, mitmDir);

process.send!({
  type: 'ready',
  mockttp: mockttp.port,
  mitmdump: mitmdump?.port ?? 0,
  origin: (origin.address() as AddressInfo).port,
  secure: (secure.address() as AddressInfo).port,
  bare: bare.httpPort,
  capture: stack.proxy.port,
  caPem: ca.caCertPem,
  caDir: ca.dir,
  memoryCap,
});

process.on('message', async (message: { type: string }) => {
  if (message.type === 'cpu') {
    // This process (origins and the Node proxies) plus mitmdump's own: the servers' CPU, whichever proxy is loaded.
    const u = process.cpuUsage();
    process.send!({ type: 'cpu', micros: u.user + u.system + (mitmdump?.cpuMicros() ?? 0) });
  } else if (message.type === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    process.send!({
      type: 'memory',
      rss: m.rss,
      heapUsed: m.heapUsed,
      windowBytes: stack.session.memoryBytes,
      exchanges: stack.session.exchangeCount,
    });
  } else if (message.type === 'stop') {
    setTimeout(() => process.exit(0), 2000).unref();
    await stack.close();
    await mockttp.stop();
    mitmdump?.process.kill();
    bare.close();
    origin.close();
    secure.close();
    await rm(home, { recursive: true, force: true });
    await rm(mitmDir, { recursive: true, force: true });
    process.exit(0);
  }
});
