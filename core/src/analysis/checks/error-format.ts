// error.format: an authorization error's code and error_description use the allowed characters; unregistered codes are extensions (RFC 6749 §4.1.2.1, §8.5).
import { defineCheck } from './check.ts';
import { rfc } from './spec-refs.ts';
import { authorizationResponses, isRepeatedResponse } from './authorization-units.ts';

/** RFC 6749 §4.1.2.1 and §4.2.2.1, plus OIDC Core §3.1.2.6. */
const REGISTERED_ERRORS = new Set([
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  'interaction_required',
  'login_required',
  'account_selection_required',
  'consent_required',
  'invalid_request_uri',
  'invalid_request_object',
  'request_not_supported',
  'request_uri_not_supported',
  'registration_not_supported',
  'invalid_target',
  'invalid_authorization_details',
]);
/** RFC 6749 §4.1.2.1: error and error_description are %x20-21 / %x23-5B / %x5D-7E. */
const DESCRIPTION = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

export default defineCheck(
  {
    id: 'error.format',
    severity: 'must',
    title: 'error response uses the allowed characters (extension codes allowed)',
    spec: [rfc(6749, '4.1.2.1'), rfc(6749, '8.5')],
  },
  (env, emit) => {
    for (const { rec, r, f, ev } of authorizationResponses(env)) {
      const error = r.params.get('error');
      if (error === undefined || isRepeatedResponse(rec, r)) continue;
      const desc = r.params.get('error_description') ?? '';
      const chars = DESCRIPTION.test(error) && DESCRIPTION.test(desc);
      emit(
        f.id,
        chars ? 'pass' : 'warn',
        !chars
          ? 'error or error_description contains characters RFC 6749 does not allow.'
          : REGISTERED_ERRORS.has(error)
            ? `error "${error}" is a registered code.`
            : `error "${error}" is an extension code, which RFC 6749 §8.5 allows; a client that does not know it still treats the response as an error.`,
        [ev('error'), ev('error_description')],
      );
    }
  },
);
