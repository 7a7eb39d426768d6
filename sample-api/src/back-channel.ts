// Sends the API's back-channel requests (JWKS, introspection), optionally through an HTTP proxy, and logs each.
import { fetch as undiciFetch, ProxyAgent, type Dispatcher } from 'undici';

export type BackChannelFetch = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<Response>;

/** A fetch that goes through `proxyUrl` when given (Node's fetch ignores HTTP_PROXY, see GUIDE §4). */
export function backChannelFetch(
  call: string,
  proxyUrl: string | undefined,
  log: (entry: Record<string, unknown>) => void,
): BackChannelFetch {
  const dispatcher: Dispatcher | undefined = proxyUrl ? new ProxyAgent(proxyUrl) : undefined;
  return async (url, init) => {
    const started = Date.now();
    try {
      const response = (await undiciFetch(url, {
        ...init,
        ...(dispatcher ? { dispatcher } : {}),
      })) as unknown as Response;
      log({
        type: 'back-channel',
        call,
        method: init.method ?? 'GET',
        url,
        status: response.status,
        ms: Date.now() - started,
        ...(proxyUrl ? { proxy: proxyUrl } : {}),
      });
      return response;
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      log({
        type: 'back-channel',
        call,
        method: init.method ?? 'GET',
        url,
        error: cause?.code ?? cause?.message ?? (error as Error).message,
        ms: Date.now() - started,
      });
      throw error;
    }
  };
}
