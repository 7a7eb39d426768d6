// The upstream idle timeout: one coarse timer for every exchange in flight.
import type { Pending } from './capture-state.ts';

/**
 * Destroys the upstream request of any exchange idle for more than `timeoutMs`; returns the function that stops it.
 * A socket timeout per request would re-arm a timer on every read and write, which showed up as a few percent of
 * the proxy's CPU under load.
 */
export function startIdleSweep(active: ReadonlySet<Pending>, timeoutMs: number): () => void {
  const sweep = setInterval(
    () => {
      const now = performance.now();
      for (const pending of active) {
        const upstream = pending.ctx?.proxyToServerRequest;
        if (pending.upstreamDone || !upstream || now - pending.lastActivity <= timeoutMs) continue;
        pending.upstreamDone = true;
        upstream.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      }
    },
    Math.max(10, Math.min(1000, Math.floor(timeoutMs / 8))),
  );
  sweep.unref();
  return () => clearInterval(sweep);
}
