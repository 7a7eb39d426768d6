// Groups exchanges into OAuth transactions by the values that tie them together: state, code, client_id and tokens.
import type { RecognizerId } from './ids.ts';
import type { FlowInfo } from './types.ts';
import type { ExchangeFacts } from './exchange-facts.ts';
import type { LabelSet } from './label-set.ts';
import type { AnalysisContext } from './context.ts';
import { authorizationResponseParams } from './recognizers.ts';
import { implicitLoginLabels } from './recognizers/implicit.ts';
import { assign, deleteIn, pushTo, setIn, type UndoJournal } from './undo-journal.ts';

export interface FlowRecord {
  info: FlowInfo;
  authzRequest?: ExchangeFacts;
  /** The parameters of the authorization request (query or form). */
  request?: Map<string, string>;
  responses: { f: ExchangeFacts; params: Map<string, string>; where: string }[];
  tokenRequests: ExchangeFacts[];
  loginSeen: boolean;
}

export interface FlowResult {
  flows: FlowRecord[];
  flowOf: Map<string, FlowRecord>;
  /** Labels added from the flows (sso-silent-login, redirect-loop). */
  extraLabels: { exchangeId: string; recognizer: RecognizerId; summary: string }[];
  /** Authorization requests that belong to a loop, grouped per client. */
  loops: ExchangeFacts[][];
  /** Authorization requests (not refused with an error page) per nonce, in capture order. */
  nonceRequests: Map<string, string[]>;
  /** Token requests per authorization code and per refresh token, in capture order. */
  codeUses: Map<string, ExchangeFacts[]>;
  refreshUses: Map<string, ExchangeFacts[]>;
}

const TOKEN_FIELDS = ['access_token', 'id_token', 'refresh_token'];

/** Correlation as a left fold over exchanges in capture order, so a live session can keep feeding it. */
export class FlowCorrelator {
  readonly flows: FlowRecord[] = [];
  readonly flowOf = new Map<string, FlowRecord>();
  private byState = new Map<string, FlowRecord>();
  private byCode = new Map<string, FlowRecord>();
  private byToken = new Map<string, FlowRecord>();
  private openByOrigin = new Map<string, FlowRecord>();
  /**
   * Which flow a URL belongs to: the request URLs of its exchanges, and the targets of their redirects. A login page
   * carries no state, but the browser reached it by a redirect from the flow's authorization request (or its form was
   * posted from it, per Referer), so interleaved logins at one authorization server stay apart.
   */
  private byUrl = new Map<string, FlowRecord>();
  private lastOpen: FlowRecord | undefined;
  private nonceRequests = new Map<string, string[]>();
  private codeUses = new Map<string, ExchangeFacts[]>();
  private refreshUses = new Map<string, ExchangeFacts[]>();
  /** While set, every mutation of existing state is recorded so the exchange being pushed can be rolled back. */
  journal: UndoJournal | undefined;

  private addTo<T>(map: Map<string, T[]>, key: string | undefined, value: T): void {
    if (!key) return;
    const list = map.get(key);
    if (list) pushTo(this.journal, list, value);
    else setIn(this.journal, map, key, [value]);
  }

  private newFlow(kind: FlowInfo['kind'], clientId?: string): FlowRecord {
    const rec: FlowRecord = {
      info: { id: `flow-${this.flows.length + 1}`, kind, exchangeIds: [], ...(clientId ? { clientId } : {}) },
      responses: [],
      tokenRequests: [],
      loginSeen: false,
    };
    pushTo(this.journal, this.flows, rec);
    return rec;
  }

  private attach(rec: FlowRecord, f: ExchangeFacts): void {
    if (this.flowOf.has(f.id)) return;
    setIn(this.journal, this.flowOf, f.id, rec);
    pushTo(this.journal, rec.info.exchangeIds, f.id);
    if (f.url) setIn(this.journal, this.byUrl, f.url, rec);
    if (f.locationUrl) setIn(this.journal, this.byUrl, f.locationUrl, rec);
  }

  /**
   * The still open flow this exchange continues: posted from one of its pages (Referer), or reached by one of its
   * redirects. A flow that already got its authorization response is over: a fixed login URL seen again belongs to
   * a newer flow, found by the caller's other rules.
   */
  private continued(f: ExchangeFacts): FlowRecord | undefined {
    const referer = f.method === 'POST' ? f.requestHeaders.get('referer') : undefined;
    const candidates = [
      referer ? this.byUrl.get(referer.split('#')[0]!) : undefined,
      f.url ? this.byUrl.get(f.url) : undefined,
    ];
    return candidates.find((rec) => rec !== undefined && rec.responses.length === 0);
  }

  private rememberTokens(rec: FlowRecord, values: Map<string, string> | Record<string, unknown> | undefined): void {
    if (!values) return;
    for (const name of TOKEN_FIELDS) {
      const v = values instanceof Map ? values.get(name) : values[name];
      if (typeof v === 'string' && v) setIn(this.journal, this.byToken, v, rec);
    }
  }

  /** An authorization request opens a new flow, found later by its state, its origin or as the last one opened. */
  private openFlow(ctx: AnalysisContext, f: ExchangeFacts, l: LabelSet): void {
    const p = f.query.has('client_id') ? f.query : f.form;
    const rt = (p.get('response_type') ?? '').split(' ');
    const kind: FlowInfo['kind'] = rt.includes('code')
      ? rt.length > 1
        ? 'hybrid'
        : 'authorization-code'
      : rt.includes('token') || rt.includes('id_token')
        ? 'implicit'
        : 'unknown';
    const rec = this.newFlow(kind, p.get('client_id'));
    rec.authzRequest = f;
    rec.request = p;
    const state = p.get('state');
    const nonce = p.get('nonce');
    if (state) {
      rec.info.state = state;
      setIn(this.journal, this.byState, state, rec);
    }
    if (nonce) rec.info.nonce = nonce;
    if (nonce !== undefined && !l.has('authorization-error-page')) this.addTo(this.nonceRequests, nonce, f.id);
    const meta = ctx.endpoints.get(f.endpoint)?.metadata;
    if (meta?.issuer) rec.info.issuer = meta.issuer;
    this.attach(rec, f);
    setIn(this.journal, this.openByOrigin, f.origin, rec);
    assign(this.journal, this as unknown as { lastOpen: FlowRecord | undefined }, 'lastOpen', rec);
  }

  /** An authorization response (or error) closes the flow of its state, or else the open flow it continues. */
  private closeFlow(f: ExchangeFacts): void {
    const r = authorizationResponseParams(f);
    if (!r) return;
    const state = r.params.get('state');
    const rec =
      (state !== undefined ? this.byState.get(state) : undefined) ??
      this.continued(f) ??
      this.openByOrigin.get(f.origin) ??
      this.lastOpen;
    if (!rec) return;
    pushTo(this.journal, rec.responses, { f, params: r.params, where: r.where });
    this.attach(rec, f);
    const code = r.params.get('code');
    if (code) setIn(this.journal, this.byCode, code, rec);
    this.rememberTokens(rec, r.params);
    if (this.openByOrigin.get(f.origin) === rec) deleteIn(this.journal, this.openByOrigin, f.origin);
  }

  /** A token request joins the flow of its code, refresh token or device code, or starts one of its own. */
  private grant(f: ExchangeFacts, grant: string): void {
    const clientId = f.form.get('client_id');
    const known = (value: string | undefined, map: Map<string, FlowRecord>) => (value ? map.get(value) : undefined);
    let rec: FlowRecord;
    if (grant === 'authorization_code')
      rec = known(f.form.get('code'), this.byCode) ?? this.newFlow('authorization-code', clientId);
    else if (grant === 'refresh_token')
      rec = known(f.form.get('refresh_token'), this.byToken) ?? this.newFlow('refresh', clientId);
    else if (grant === 'client_credentials') rec = this.newFlow('client-credentials', clientId);
    else if (grant === 'password') rec = this.newFlow('password', clientId);
    else if (grant.endsWith(':device_code'))
      rec = known(f.form.get('device_code'), this.byToken) ?? this.newFlow('device-code', clientId);
    else rec = this.newFlow('unknown', clientId);
    if (grant === 'authorization_code') this.addTo(this.codeUses, f.form.get('code'), f);
    if (grant === 'refresh_token') this.addTo(this.refreshUses, f.form.get('refresh_token'), f);
    pushTo(this.journal, rec.tokenRequests, f);
    this.attach(rec, f);
    this.rememberTokens(rec, f.responseJson);
  }

  push(ctx: AnalysisContext, f: ExchangeFacts, l: LabelSet): void {
    if (l.has('authorization-request')) this.openFlow(ctx, f, l);
    if (l.has('login-page') || l.has('login-submit') || (l.has('sso-cookie') && !l.has('authorization-request'))) {
      const rec = this.continued(f) ?? this.openByOrigin.get(f.origin);
      if (rec) {
        this.attach(rec, f);
        if (l.has('login-page') || l.has('login-submit')) assign(this.journal, rec, 'loginSeen', true);
      }
    }
    if (l.has('authorization-response') || l.has('authorization-error')) this.closeFlow(f);
    const grant = f.method === 'POST' ? f.form.get('grant_type') : undefined;
    if (grant) return this.grant(f, grant);
    if (l.has('token-device-code') && typeof f.responseJson?.device_code === 'string') {
      const rec = this.newFlow('device-code', f.form.get('client_id'));
      setIn(this.journal, this.byToken, f.responseJson.device_code, rec);
      this.attach(rec, f);
      return;
    }
    if (this.flowOf.has(f.id)) return;
    const rec = f.tokens.map((t) => this.byToken.get(t.value)).find((r) => r !== undefined);
    if (rec) this.attach(rec, f);
  }

  /** Labels and loops derived from whole flows; cheap (one pass over flows), recomputed on every result. */
  finish(): FlowResult {
    const extraLabels: FlowResult['extraLabels'] = [];
    for (const rec of this.flows) {
      const ok = rec.responses.find((r) => !r.params.has('error'));
      if (rec.authzRequest && ok && !rec.loginSeen) {
        extraLabels.push({
          exchangeId: rec.authzRequest.id,
          recognizer: 'sso-silent-login',
          summary: 'authorization completed from the SSO session, no login page',
        });
      }
    }
    extraLabels.push(...implicitLoginLabels(this.flows));
    // A loop: three or more authorization requests from one client within ten seconds (seed article, practice).
    const loops: ExchangeFacts[][] = [];
    const byClient = new Map<string, ExchangeFacts[]>();
    for (const rec of this.flows) {
      if (!rec.authzRequest || !Number.isFinite(rec.authzRequest.time)) continue;
      const key = rec.info.clientId ?? '';
      const list = byClient.get(key) ?? [];
      list.push(rec.authzRequest);
      byClient.set(key, list);
    }
    for (const list of byClient.values()) {
      let run: ExchangeFacts[] = [];
      for (const f of list) {
        run = run.filter((g) => f.time - g.time <= 10_000);
        run.push(f);
        if (run.length === 3) {
          loops.push([...run]);
          for (const g of run)
            extraLabels.push({
              exchangeId: g.id,
              recognizer: 'redirect-loop',
              summary: 'authorization started again within seconds',
            });
        } else if (run.length > 3) {
          loops[loops.length - 1]!.push(f);
          extraLabels.push({
            exchangeId: f.id,
            recognizer: 'redirect-loop',
            summary: 'authorization started again within seconds',
          });
        }
      }
    }
    return {
      flows: this.flows,
      flowOf: this.flowOf,
      extraLabels,
      loops,
      nonceRequests: this.nonceRequests,
      codeUses: this.codeUses,
      refreshUses: this.refreshUses,
    };
  }
}
