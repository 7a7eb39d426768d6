// The local certificate authority: created on first use (key mode 0600), one leaf key for every host, certs cached.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
  sign as nativeSign,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';

export interface LocalCa {
  /** The folder laid out as http-mitm-proxy expects (certs/ca.pem, keys/ca.private.key, keys/ca.public.key). */
  dir: string;
  caCertPath: string;
  caCertPem: string;
  /** base64 of the SHA-256 of the CA's SubjectPublicKeyInfo, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
  /** The one leaf key used for every host certificate. */
  leafKeyPath: string;
  leafKeyPem: string;
  /** A certificate for these host names (or IP addresses), signed by the CA; cached in memory and on disk. */
  certificateFor(hosts: string[]): Promise<string>;
  certPathFor(host: string): string;
}

/** A unique name per CA, so two installations' CAs can never be confused for each other's issuer. */
function caSubject(): { name: string; value: string }[] {
  return [
    { name: 'commonName', value: `OAuth Inspector local CA ${forge.util.bytesToHex(forge.random.getBytesSync(4))}` },
    { name: 'organizationName', value: 'OAuth Inspector (this machine only)' },
  ];
}

function rsaKeyPair(): Promise<{ publicKey: string; privateKey: string }> {
  // Node generates RSA keys on its thread pool, off the event loop.
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      },
      (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey })),
    );
  });
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * A positive serial of exactly 16 bytes (RFC 5280 §4.1.2.2: positive, at most 20 octets). The first byte is kept in
 * 0x40–0x7f so DER needs no leading zero: the earlier odd-length hex ('0' + 30 digits) became 00 xx…, which is an
 * illegal non-minimal INTEGER whenever xx < 0x80 after forge's trimming, and OpenSSL then refused the certificate
 * now and then ("illegal padding").
 */
export function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return bytes.toString('hex');
}

async function createCa(dir: string): Promise<void> {
  const keys = await rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = serial();
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + 5 * 365 * 24 * 3600_000);
  const subject = caSubject();
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create());
  // A new CA invalidates every cached host certificate.
  await rm(join(dir, 'certs'), { recursive: true, force: true });
  await mkdir(join(dir, 'certs'), { recursive: true });
  await writeFile(join(dir, 'keys', 'ca.private.key'), keys.privateKey, { mode: 0o600 });
  await writeFile(join(dir, 'keys', 'ca.public.key'), keys.publicKey, { mode: 0o600 });
  await writeFile(join(dir, 'certs', 'ca.pem'), forge.pki.certificateToPem(cert), { mode: 0o644 });
}

function safeName(host: string): string {
  return host.replace(/[^A-Za-z0-9.-]/g, '_');
}

/** Creates the folders and the CA when missing, and tightens modes that an older run or another tool left open. */
async function ensureCaFiles(dir: string): Promise<void> {
  await mkdir(join(dir, 'keys'), { recursive: true, mode: 0o700 });
  await mkdir(join(dir, 'certs'), { recursive: true });
  await chmod(dir, 0o700);
  if (
    !(await readIfExists(join(dir, 'certs', 'ca.pem'))) ||
    !(await readIfExists(join(dir, 'keys', 'ca.private.key')))
  ) {
    await createCa(dir);
  }
  for (const key of ['ca.private.key', 'ca.public.key', 'leaf.key']) {
    await chmod(join(dir, 'keys', key), 0o600).catch(() => undefined);
  }
}

/** The one leaf key for every host certificate, generated on first use. */
async function loadOrCreateLeafKey(path: string): Promise<string> {
  const existing = await readIfExists(path);
  if (existing) return existing;
  const created = (await rsaKeyPair()).privateKey;
  await writeFile(path, created, { mode: 0o600 });
  return created;
}

/** base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo. */
function spkiSha256Of(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** What signing a host certificate needs from the CA. */
interface Signer {
  caCert: forge.pki.Certificate;
  caPrivateKey: KeyObject;
  leafPublic: forge.pki.PublicKey;
}

/** A server certificate for `hosts` with the shared leaf key, signed by the CA. */
function signHostCertificate(signer: Signer, hosts: string[]): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = signer.leafPublic;
  cert.serialNumber = serial();
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600_000);
  // Under 398 days, the longest lifetime browsers accept for a server certificate.
  cert.validity.notAfter = new Date(now + 390 * 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: hosts[0] ?? 'localhost' }]);
  cert.setIssuer(signer.caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    // RFC 6125 §6.4: clients match the SAN, not the CN. Type 7 = IP address, 2 = DNS name.
    {
      name: 'subjectAltName',
      altNames: hosts.map((h) => (/^[\d.]+$|:/.test(h) ? { type: 7, ip: h } : { type: 2, value: h })),
    },
  ]);
  // forge builds the TBSCertificate; Node's native RSA signs it (pure-JS signing costs tens of ms per host).
  const withSigInfo = cert as typeof cert & { siginfo: { algorithmOid: string }; tbsCertificate: forge.asn1.Asn1 };
  withSigInfo.signatureOid = withSigInfo.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption!;
  const pkiWithTbs = forge.pki as typeof forge.pki & { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 };
  withSigInfo.tbsCertificate = pkiWithTbs.getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(withSigInfo.tbsCertificate).getBytes(), 'binary');
  withSigInfo.signature = nativeSign('sha256', tbs, signer.caPrivateKey).toString('binary');
  return forge.pki.certificateToPem(cert);
}

/** A cached certificate that this CA issued and that is valid for another day at least, or null. */
async function usableCachedCert(path: string, caCertPem: string): Promise<string | null> {
  const cached = await readIfExists(path);
  if (!cached) return null;
  try {
    const x509 = new X509Certificate(cached);
    if (x509.checkIssued(new X509Certificate(caCertPem)) && Date.parse(x509.validTo) > Date.now() + 86_400_000)
      return cached;
  } catch {
    // unreadable: sign a new one
  }
  return null;
}

/** Opens (creating on first use) the CA in `dir`. Private keys are written with mode 0600, the folder 0700. */
export async function openLocalCa(dir: string): Promise<LocalCa> {
  await ensureCaFiles(dir);
  const caCertPath = join(dir, 'certs', 'ca.pem');
  const caCertPem = await readFile(caCertPath, 'utf8');
  const caKeyPem = await readFile(join(dir, 'keys', 'ca.private.key'), 'utf8');
  const leafKeyPath = join(dir, 'keys', 'leaf.key');
  const leafKeyPem = await loadOrCreateLeafKey(leafKeyPath);
  const signer: Signer = {
    caCert: forge.pki.certificateFromPem(caCertPem),
    caPrivateKey: createPrivateKey(caKeyPem),
    leafPublic: forge.pki.publicKeyFromPem(
      createPublicKey(leafKeyPem).export({ type: 'spki', format: 'pem' }).toString(),
    ),
  };
  const memory = new Map<string, Promise<string>>();
  const certPathFor = (host: string) => join(dir, 'certs', `${safeName(host)}.pem`);

  async function load(hosts: string[]): Promise<string> {
    const path = certPathFor(hosts[0] ?? 'localhost');
    const cached = await usableCachedCert(path, caCertPem);
    if (cached) return cached;
    const pem = signHostCertificate(signer, hosts);
    // The disk copy only serves the next run: answer now instead of waiting for the write.
    void writeFile(path, pem, { mode: 0o644 }).catch(() => undefined);
    return pem;
  }

  return {
    dir,
    caCertPath,
    caCertPem,
    spkiSha256: spkiSha256Of(caCertPem),
    leafKeyPath,
    leafKeyPem,
    certPathFor,
    certificateFor(hosts) {
      const key = hosts.join(',');
      let pending = memory.get(key);
      if (!pending) {
        pending = load(hosts);
        memory.set(key, pending);
        pending.catch(() => memory.delete(key));
      }
      return pending;
    },
  };
}

/** Host certificates cached on disk (for `oauth-inspector ca`). */
export async function cachedHosts(dir: string): Promise<string[]> {
  const files = await readdir(join(dir, 'certs')).catch(() => [] as string[]);
  return files.filter((f) => f !== 'ca.pem' && f.endsWith('.pem')).map((f) => f.slice(0, -4));
}
