// Test helpers: real origin servers on ephemeral loopback ports, and a raw HTTP client that keeps every byte.
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type RequestListener,
  type Server,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { listen } from '@oauth-inspector/http-listen';
import type { LocalCa } from '../ca/local-ca.ts';

export interface TestServer {
  server: Server;
  port: number;
  origin: string;
  close(): Promise<void>;
}

async function listenOnLoopback(server: Server, scheme: 'http' | 'https'): Promise<TestServer> {
  const { port, close } = await listen(server);
  return { server, port, origin: `${scheme}://127.0.0.1:${port}`, close };
}

export function startHttpServer(handler: RequestListener): Promise<TestServer> {
  return listenOnLoopback(createHttpServer(handler), 'http');
}

/** An HTTPS origin whose certificate is signed by our local CA (the proxy trusts it as an upstream). */
export async function startHttpsServer(ca: LocalCa, handler: RequestListener): Promise<TestServer> {
  const cert = await ca.certificateFor(['127.0.0.1', 'localhost']);
  return listenOnLoopback(createHttpsServer({ key: ca.leafKeyPem, cert }, handler) as unknown as Server, 'https');
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** GET through the proxy (absolute-form) or directly; never decodes the body. */
export function rawRequest(options: {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: options.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Response headers minus the ones that legitimately differ between two requests (the clock). */
export function comparableHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { date: _date, ...rest } = headers;
  return rest;
}
