// api.403-insufficient-scope: a 403 with a Bearer challenge names error="insufficient_scope" (RFC 6750 §3.1).
import { challengeErrorCheck } from './challenge-error.ts';

export default challengeErrorCheck('api.403-insufficient-scope', 403, 'insufficient_scope');
