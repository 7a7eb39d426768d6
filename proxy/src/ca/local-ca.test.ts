// Tests for the local CA: created once with private files at 0600, one leaf key for all hosts, certs verify.
import { X509Certificate, createPublicKey } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLocalCa, serial } from './local-ca.ts';

let dir: string;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('local CA', () => {
  it('creates private keys with mode 0600 and reopens the same CA', async () => {
    dir = await mkdtemp(join(tmpdir(), 'oi-ca-'));
    const ca = await openLocalCa(join(dir, 'ca'));
    for (const key of ['ca.private.key', 'leaf.key']) {
      expect((await stat(join(dir, 'ca', 'keys', key))).mode & 0o777).toBe(0o600);
    }
    const again = await openLocalCa(join(dir, 'ca'));
    expect(again.caCertPem).toBe(ca.caCertPem);
    expect(again.spkiSha256).toBe(ca.spkiSha256);
    expect(ca.spkiSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('issues host certificates signed by the CA, all with the one leaf key, and caches them', async () => {
    const ca = await openLocalCa(join(dir, 'ca'));
    const root = new X509Certificate(ca.caCertPem);
    const leafPublic = createPublicKey(ca.leafKeyPem).export({ type: 'spki', format: 'pem' });
    const a = new X509Certificate(await ca.certificateFor(['a.example']));
    const b = new X509Certificate(await ca.certificateFor(['127.0.0.1']));
    expect(a.verify(root.publicKey)).toBe(true);
    expect(a.checkHost('a.example')).toBe('a.example');
    expect(b.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(a.publicKey.export({ type: 'spki', format: 'pem' })).toBe(leafPublic);
    expect(b.publicKey.export({ type: 'spki', format: 'pem' })).toBe(leafPublic);
    const reopened = await openLocalCa(join(dir, 'ca'));
    expect(new X509Certificate(await reopened.certificateFor(['a.example'])).fingerprint256).toBe(a.fingerprint256);
  });

  it('draws serial numbers that always encode as minimal positive DER integers of 16 bytes', () => {
    for (let i = 0; i < 2000; i++) {
      const hex = serial();
      expect(hex).toMatch(/^[4-7][0-9a-f]{31}$/);
    }
  });

  it('signs host certificates that OpenSSL loads every time', async () => {
    const ca = await openLocalCa(join(dir, 'ca'));
    for (let i = 0; i < 60; i++) {
      const pem = await ca.certificateFor([`host-${i}.example`]);
      expect(() => createSecureContext({ key: ca.leafKeyPem, cert: pem })).not.toThrow();
    }
  });
});
