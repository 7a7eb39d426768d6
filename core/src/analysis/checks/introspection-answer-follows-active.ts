// introspection.answer-follows-active: the API's answer follows the active of the introspection it made while answering: true → served, false → 401 (RFC 7662 §2.2).
import { defineCheck, type Emit } from './check.ts';
import { rfc } from './spec-refs.ts';
import { bearerCalls, type BearerCall } from './api-units.ts';
import type { CheckEnv } from '../check-env.ts';
import { servedCalls } from '../links.ts';

/** The introspection of this token the API made while serving the call (linked by time span, see links.ts). */
function introspectionDuring(env: CheckEnv, { f, rec }: BearerCall) {
  return servedCalls(env.ctx, f).find(
    (g) => g.form.get('token') === rec.info.value && typeof g.responseJson?.active === 'boolean',
  );
}

function judge(env: CheckEnv, call: BearerCall, emit: Emit): void {
  const { f } = call;
  if (!Number.isFinite(f.time) || f.status === 0 || f.status >= 500) return;
  const asked = introspectionDuring(env, call);
  if (!asked) return;
  const active = asked.responseJson!.active === true;
  const evidence = [
    {
      exchangeId: asked.id,
      label: 'active (introspection response)',
      value: String(active),
      location: 'response.body.active',
    },
    { exchangeId: f.id, label: 'API status', value: String(f.status) },
  ];
  const accepted = f.status >= 200 && f.status < 300;
  if (!active && accepted)
    emit(f.id, 'fail', 'The API accepted a token its introspection said is not active.', evidence);
  else if (!active)
    emit(
      f.id,
      f.status === 401 ? 'pass' : 'warn',
      f.status === 401
        ? 'The introspection said inactive, and the API answered 401.'
        : `The introspection said inactive; the API should answer 401, not ${f.status}.`,
      evidence,
    );
  else
    emit(
      f.id,
      f.status === 401 ? 'warn' : 'pass',
      f.status === 401
        ? 'The introspection said active, yet the API answered 401.'
        : `The introspection said active, and the API answered ${f.status}.`,
      evidence,
    );
}

export default defineCheck(
  {
    id: 'introspection.answer-follows-active',
    severity: 'must',
    title: "API's answer follows the introspection's active",
    spec: [rfc(7662, '2.2')],
  },
  (env, emit) => {
    for (const call of bearerCalls(env)) if (!call.rec.jwt) judge(env, call, emit);
  },
);
