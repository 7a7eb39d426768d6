// The environment `oauth-inspector run` gives a command: proxy variables, the CA for Node, the fetch preload.
import { pathToFileURL } from 'node:url';
import { FETCH_PRELOAD } from '../shipped-files.ts';

export function runEnvironment(base: NodeJS.ProcessEnv, proxyUrl: string, caCertPath: string): NodeJS.ProcessEnv {
  const preload = `--import ${JSON.stringify(pathToFileURL(FETCH_PRELOAD).href)}`;
  return {
    ...base,
    HTTP_PROXY: proxyUrl,
    HTTPS_PROXY: proxyUrl,
    http_proxy: proxyUrl,
    https_proxy: proxyUrl,
    // Capture everything, loopback included: that is the point of running under the inspector.
    NO_PROXY: '',
    no_proxy: '',
    NODE_EXTRA_CA_CERTS: caCertPath,
    NODE_OPTIONS: [base.NODE_OPTIONS, preload].filter(Boolean).join(' '),
  };
}
