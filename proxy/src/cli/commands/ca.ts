// `oauth-inspector ca`: where the local CA certificate is, its fingerprint, and how to trust it.
import { join } from 'node:path';
import { openLocalCa } from '../../ca/local-ca.ts';
import { inspectorPaths } from '../../paths.ts';
import { defineCommand, type CommandInput } from '../command.ts';

const HELP = `Usage: oauth-inspector ca

Creates the local CA if needed, then prints where its certificate is, its SPKI fingerprint, and how to trust it
on Linux, macOS, Windows and in Firefox. The private key never leaves your config directory.`;

export const ca = defineCommand({
  usage: 'ca',
  summary: 'where the local CA certificate is, and how to trust it',
  help: HELP,
  options: [],
  run,
});

async function run({ io: { out } }: CommandInput): Promise<number> {
  const ca = await openLocalCa(join(inspectorPaths().configDir, 'ca'));
  out(`CA certificate: ${ca.caCertPath}`);
  out(`SPKI sha256 (base64): ${ca.spkiSha256}`);
  out('The private key stays in that folder (mode 0600). Trust the certificate only where you need it:');
  out(`  oauth-inspector browser / run     nothing to do: they trust it for that browser profile or command only`);
  out(`  Node.js                           NODE_EXTRA_CA_CERTS=${ca.caCertPath}`);
  out(
    `  Linux (Debian/Ubuntu)             sudo cp ${ca.caCertPath} /usr/local/share/ca-certificates/oauth-inspector.crt && sudo update-ca-certificates`,
  );
  out(
    `  Linux (Fedora/RHEL)               sudo cp ${ca.caCertPath} /etc/pki/ca-trust/source/anchors/oauth-inspector.pem && sudo update-ca-trust`,
  );
  out(
    `  macOS                             sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${ca.caCertPath}`,
  );
  out(
    `  Windows (PowerShell, admin)       Import-Certificate -FilePath "${ca.caCertPath}" -CertStoreLocation Cert:\\LocalMachine\\Root`,
  );
  out(
    '  Firefox                           Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import',
  );
  out('Remove it again when you are done: anyone with the key could intercept your HTTPS traffic.');
  return 0;
}
