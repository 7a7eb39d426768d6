// The API's JSON configuration in the article's shape, and its mapping to the server's start options.
import { readFile } from 'node:fs/promises';
import type { ValidationConfig } from './validate-token.ts';

export interface ApiConfigFile {
  api: {
    port?: number;
    /** Web origins allowed to call the API (CORS). */
    trustedOrigins: string[];
    /** Send JWKS / introspection requests through `proxyUrl`, so a proxy tool can show them. */
    useProxy: boolean;
    proxyUrl?: string;
  };
  oauth: {
    /** 'jwt': verify locally with the JWKS (RFC 7517, RFC 9068); 'introspection': ask the server (RFC 7662). */
    validation: 'jwt' | 'introspection';
    issuer: string;
    audience: string;
    algorithm: string;
    jwksEndpoint: string;
    introspectEndpoint?: string;
    clientId?: string;
    clientSecret?: string;
  };
}

export class ApiConfigError extends Error {
  readonly code = 'bad-api-config';
}

/** Checks the shape and returns the parts startSampleApi / configure take. */
export function apiConfigFromFile(file: ApiConfigFile): {
  port?: number;
  trustedOrigins: string[];
  validation: ValidationConfig;
  backChannelProxy?: string;
} {
  const { api, oauth } = file ?? ({} as ApiConfigFile);
  if (
    !api ||
    !Array.isArray(api.trustedOrigins) ||
    !oauth ||
    typeof oauth.issuer !== 'string' ||
    typeof oauth.audience !== 'string'
  ) {
    throw new ApiConfigError('The API configuration needs api.trustedOrigins, oauth.issuer and oauth.audience.');
  }
  if (api.useProxy && !api.proxyUrl) throw new ApiConfigError('api.useProxy is true but api.proxyUrl is missing.');
  let validation: ValidationConfig;
  if (oauth.validation === 'introspection') {
    if (!oauth.introspectEndpoint || !oauth.clientId || !oauth.clientSecret) {
      throw new ApiConfigError('Introspection needs oauth.introspectEndpoint, oauth.clientId and oauth.clientSecret.');
    }
    validation = {
      mode: 'introspection',
      introspectionUrl: oauth.introspectEndpoint,
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
      issuer: oauth.issuer,
      audience: oauth.audience,
    };
  } else {
    if (!oauth.jwksEndpoint) throw new ApiConfigError('JWT validation needs oauth.jwksEndpoint.');
    validation = {
      mode: 'jwt',
      jwksUrl: oauth.jwksEndpoint,
      issuer: oauth.issuer,
      audience: oauth.audience,
      algorithms: [oauth.algorithm || 'RS256'],
    };
  }
  return {
    ...(api.port !== undefined ? { port: api.port } : {}),
    trustedOrigins: api.trustedOrigins,
    validation,
    ...(api.useProxy && api.proxyUrl ? { backChannelProxy: api.proxyUrl } : {}),
  };
}

export async function readApiConfigFile(path: string): Promise<ApiConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ApiConfigError(`Cannot read the API configuration file ${path}.`);
  }
  try {
    return JSON.parse(text) as ApiConfigFile;
  } catch {
    throw new ApiConfigError(`The API configuration file ${path} is not valid JSON.`);
  }
}
