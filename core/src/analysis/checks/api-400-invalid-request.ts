// api.400-invalid-request: a 400 with a Bearer challenge names error="invalid_request" (RFC 6750 §3.1).
import { challengeErrorCheck } from './challenge-error.ts';

export default challengeErrorCheck('api.400-invalid-request', 400, 'invalid_request');
