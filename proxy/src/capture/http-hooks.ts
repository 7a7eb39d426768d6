// The capture's hooks on http-mitm-proxy for HTTP: route and record each request, tap its response, record failures.
import type { IContext } from 'http-mitm-proxy';
import { BodyTap } from './body-tap.ts';
import { attachPending, pendingOf, upstreamAgent, type CaptureState } from './capture-state.ts';
import { recordResponseBody, recordResponseHead } from './exchange-builder.ts';
import { beginExchange, finishExchange, watchClient } from './exchange-life.ts';
import { answerFailure, badTargetFailure, classifyFailure, type ClassifiedFailure } from './failure-page.ts';
import { endResponse, type ResponseTap } from './mitm-adapter.ts';
import { planRequest } from './request-plan.ts';
import { formatAuthority } from './request-target.ts';

type Callback = (err?: Error | null) => void;

function proxyItselfText(state: CaptureState): string {
  const names = state.gateway.names().map((h) => `http://${h}/`);
  return `This is the OAuth Inspector proxy. Use it as an HTTP(S) proxy, or open one of the sample's origins: ${names.join(', ') || '(none running)'}\n`;
}

export function onRequest(state: CaptureState) {
  return (ctx: IContext, callback: Callback): void => {
    const req = ctx.clientToProxyRequest;
    const res = ctx.proxyToClientResponse;
    const plan = planRequest(ctx, state.gateway);
    if (plan.kind === 'proxy-itself') {
      // Addressed to the proxy itself: answer instead of looping.
      req.resume();
      endResponse(res, 404, proxyItselfText(state));
      return;
    }
    if (plan.kind === 'bad-target') {
      const pending = beginExchange(state, ctx, { req, url: plan.url, origin: plan.url, viaGateway: false });
      const failure = badTargetFailure(plan.url, plan.reason);
      req.resume();
      answerFailure(res, failure);
      finishExchange(state, pending, 'failed', { code: failure.code, message: failure.message });
      return;
    }
    const target = ctx.proxyToServerRequestOptions!;
    target.host = plan.connect.host;
    target.port = plan.connect.port;
    target.path = plan.path;
    const insecure = ctx.isSSL && state.trust.isInsecure(plan.connect.host);
    target.agent = ctx.isSSL ? upstreamAgent(state, plan.connect.host) : state.httpAgent;
    const { url, origin, viaGateway, hostMismatch } = plan;
    const pending = beginExchange(state, ctx, {
      req,
      url,
      origin,
      viaGateway,
      connected: plan.connect,
      ...(hostMismatch ? { hostMismatch } : {}),
      ...(insecure ? { insecureUpstream: true } : {}),
    });
    attachPending(ctx, pending);
    watchClient(state, pending, req, res);
    callback();
  };
}

/** Registered once for every request (a handler per request would cost two closures each). */
export function onResponse(state: CaptureState) {
  return (ctx: IContext, callback: Callback): void => {
    const pending = pendingOf(ctx);
    const upstream = ctx.serverToProxyResponse;
    // A finished exchange (the client left before the answer came) is not changed any more: it may be journaled.
    if (!pending || pending.done || !upstream) return callback();
    pending.tHeaders = pending.lastActivity = performance.now();
    pending.response = { tap: new BodyTap(state.bodyCap), headers: recordResponseHead(pending.exchange, upstream) };
    callback();
  };
}

/** The response body as the library relays it to the client (QuietProxy.responseTap): copied, counted, recorded. */
export const responseTap: ResponseTap = {
  data(ctx, chunk) {
    const pending = pendingOf(ctx);
    if (!pending?.response || pending.done) return;
    pending.response.tap.add(chunk);
    pending.lastActivity = performance.now();
  },
  end(ctx) {
    const pending = pendingOf(ctx);
    // A finished exchange (the client left, the idle sweep gave up) is not changed any more: it may be journaled already.
    if (!pending?.response || pending.upstreamDone || pending.done) return;
    pending.upstreamDone = true;
    recordResponseBody(pending.exchange, pending.response.headers, pending.response.tap);
  },
};

/** A TLS failure also goes to the terminal, once per host and cause: the fix is an option of the command line. */
function tellTlsFailure(state: CaptureState, failure: ClassifiedFailure): void {
  if (failure.code !== 'tls-error' || state.toldTlsFailures.has(failure.message)) return;
  if (state.toldTlsFailures.size >= 1000) state.toldTlsFailures.clear(); // many hosts, all failing: bounded memory
  state.toldTlsFailures.add(failure.message);
  state.log(`proxy: ${failure.message}`);
}

const CLIENT_SIDE = new Set(['CLIENT_TO_PROXY_REQUEST_ERROR', 'PROXY_TO_CLIENT_RESPONSE_ERROR']);

export function onError(state: CaptureState) {
  return (ctx: IContext | null, err?: Error | null, kind?: string): void => {
    if (!ctx) {
      if (err && (err as NodeJS.ErrnoException).code !== 'ECONNRESET')
        state.log(`proxy: ${kind ?? 'error'}: ${err.message}`);
      return;
    }
    const pending = pendingOf(ctx);
    if (kind && CLIENT_SIDE.has(kind)) {
      if (pending)
        finishExchange(state, pending, 'failed', {
          code: 'client-aborted',
          message: 'The client closed the connection before the exchange was complete.',
        });
      return;
    }
    const target = ctx.proxyToServerRequestOptions;
    const connected =
      pending?.connected ?? (target ? { host: String(target.host), port: Number(target.port) } : undefined);
    const actual = connected ? formatAuthority(connected) : '';
    const where = pending?.origin ?? actual;
    // Through the gateway the browser's origin differs from where the request really went: name both.
    const named = actual && !where.endsWith(actual) ? `${where} (upstream ${actual})` : where;
    const failure = classifyFailure(err, named, ctx.isSSL ? connected?.host : undefined);
    tellTlsFailure(state, failure);
    answerFailure(ctx.proxyToClientResponse, failure);
    if (pending) finishExchange(state, pending, 'failed', { code: failure.code, message: failure.message });
  };
}
