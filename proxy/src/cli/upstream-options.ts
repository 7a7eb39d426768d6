// Upstream trust from the environment and the command line: NODE_EXTRA_CA_CERTS, --upstream-ca, --insecure-upstream.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { visibleText } from '@oauth-inspector/core';
import { InspectorError } from '../errors.ts';
import type { StackOptions } from '../stack.ts';
import type { Values } from './options.ts';

type Out = (line: string) => void;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;

/** The certificates in a PEM file, or what is wrong with it as the end of a sentence ("… does not exist"). */
export function readPemCertificates(file: string): { certificates: string[] } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: 'does not exist' };
    if (code === 'EISDIR') return { problem: 'is a folder, not a PEM file' };
    return { problem: `cannot be read (${code ?? 'read error'})` };
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) return { problem: 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)' };
  for (const pem of certificates) {
    try {
      new X509Certificate(pem);
    } catch {
      return { problem: 'holds a certificate that is not valid PEM' };
    }
  }
  return { certificates };
}

/** The CAs Node itself would add (NODE_EXTRA_CA_CERTS, read at start); an unusable file is a warning, not an end. */
function extraCaFromEnv(env: NodeJS.ProcessEnv, out: Out): string[] {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  const read = readPemCertificates(file);
  if ('certificates' in read) return read.certificates;
  out(
    `Warning: NODE_EXTRA_CA_CERTS names ${visibleText(file)}, which ${read.problem}: the proxy trusts no extra CA ` +
      `from it; fix the variable or use --upstream-ca <file>.`,
  );
  return [];
}

function caFromOption(file: string): string[] {
  const read = readPemCertificates(file);
  if ('certificates' in read) return read.certificates;
  throw new InspectorError(
    'bad-ca-file',
    `--upstream-ca ${visibleText(file)} ${read.problem}: give a PEM file with the certificate of the CA that signed your server's certificate.`,
  );
}

/** A host name as --insecure-upstream takes it: no scheme, path or port (bracketed IPv6 or bare IPv6 allowed). */
function insecureHost(value: string): string {
  const hostPort = /^[^:[\]]+:\d+$/.test(value) || /^\[.*\]:\d+$/.test(value);
  if (value === '' || /[\s/@?#]/.test(value) || hostPort) {
    throw new InspectorError(
      'usage',
      `--insecure-upstream takes a host name without scheme, port or path (e.g. api.local.test), not "${visibleText(value)}".`,
    );
  }
  return value;
}

/** The upstream trust options of a command that starts a proxy; warns on `out` about hosts left unverified. */
export function upstreamOptions(
  values: Values,
  out: Out,
  env: NodeJS.ProcessEnv = process.env,
): Pick<StackOptions, 'upstreamCa' | 'insecureUpstream'> {
  const insecure = (values['insecure-upstream'] ?? []).map(insecureHost);
  const upstreamCa = [...(values['upstream-ca'] ?? []).flatMap(caFromOption), ...extraCaFromEnv(env, out)];
  if (insecure.length > 0) {
    out(
      `Warning: the proxy does not verify the certificates of ${insecure.map((host) => visibleText(host)).join(', ')}: anyone between ` +
        `it and them can read and change that traffic unnoticed.`,
    );
  }
  return {
    ...(upstreamCa.length > 0 ? { upstreamCa } : {}),
    ...(insecure.length > 0 ? { insecureUpstream: insecure } : {}),
  };
}
