// id-token.times: at capture time the ID token is not expired, iat and auth_time are not in the future, and max_age is respected (OIDC Core §3.1.3.7, §3.1.2.1).
import { defineCheck, type Emit } from './check.ts';
import { ID_TOKEN_VALIDATION, oidc } from './spec-refs.ts';
import { idTokenIssuances, type IdTokenIssuance } from './jwt-units.ts';

const SKEW_SECONDS = 300;

function judge({ f, flow, claims, claim }: IdTokenIssuance, emit: Emit): void {
  const now = f.time / 1000;
  const requestedMaxAge = Number(flow?.request?.get('max_age'));
  const maxAge =
    flow?.request?.has('max_age') && Number.isFinite(requestedMaxAge) && requestedMaxAge >= 0
      ? requestedMaxAge
      : undefined;
  const { exp, iat, auth_time: authTime } = claims;
  if (typeof exp !== 'number') emit(f.id, 'fail', 'The ID token has no numeric exp claim.', [claim('exp')]);
  else if (exp <= now - SKEW_SECONDS)
    emit(f.id, 'fail', `The ID token had expired ${Math.round(now - exp)} s before it was captured.`, [claim('exp')]);
  else if (typeof iat === 'number' && iat > now + SKEW_SECONDS)
    emit(f.id, 'fail', `iat is ${Math.round(iat - now)} s after the capture time: the issuer's clock is wrong.`, [
      claim('iat'),
    ]);
  else if (typeof authTime === 'number' && authTime > now + SKEW_SECONDS)
    emit(
      f.id,
      'fail',
      `auth_time is ${Math.round(authTime - now)} s after the capture time: the user cannot have signed in in the future.`,
      [claim('auth_time')],
    );
  // OIDC Core §3.1.2.1: with max_age in the request, auth_time is required and the sign-in must be recent enough.
  else if (maxAge !== undefined && typeof authTime !== 'number')
    emit(f.id, 'fail', `The request asked for max_age=${maxAge}, but the ID token has no auth_time.`, [
      claim('auth_time'),
    ]);
  else if (maxAge !== undefined && typeof authTime === 'number' && now - authTime > maxAge + SKEW_SECONDS)
    emit(
      f.id,
      'fail',
      `The user signed in ${Math.round(now - authTime)} s before capture, longer ago than the max_age=${maxAge} the request asked for.`,
      [claim('auth_time')],
    );
  else
    emit(f.id, 'pass', `Valid for ${Math.round(exp - now)} s after capture.`, [
      claim('exp'),
      claim('iat'),
      ...(typeof authTime === 'number' ? [claim('auth_time')] : []),
    ]);
}

export default defineCheck(
  {
    id: 'id-token.times',
    severity: 'must',
    title: 'not expired, not issued in the future at capture time (auth_time within max_age)',
    spec: [ID_TOKEN_VALIDATION, oidc('3.1.2.1', 'AuthRequest')],
  },
  (env, emit) => {
    for (const unit of idTokenIssuances(env)) if (Number.isFinite(unit.f.time)) judge(unit, emit);
  },
);
