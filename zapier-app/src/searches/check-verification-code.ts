// Check Verification Code: finds the verification when the code a person typed matches their session. A wrong,
// expired or used-up code finds nothing, so the Zap stops there (or goes on, as the user chooses for "nothing
// found"); a problem with the step itself (credentials, an unknown session) fails it with the reason.
import { checkVerificationCodeOutcome, type CheckCodeOutput } from '@textbridge/core/integration';
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../errors.js';
import { optionalText } from '../inputs.js';
import { plivoClientFor } from '../transport.js';

export async function checkVerificationCode(z: ZObject, bundle: Bundle): Promise<CheckCodeOutput[]> {
  return withZapierErrors(z, bundle, async () => {
    const sessionUuid = optionalText(bundle.inputData.session_uuid) ?? '';
    const code = optionalText(bundle.inputData.code) ?? '';
    const outcome = await checkVerificationCodeOutcome(plivoClientFor(z, bundle), sessionUuid, code);
    if (!outcome.verified) z.console.log(`Check Verification Code: not verified (${outcome.reason ?? ''}): ${outcome.message}`);
    return outcome.verified ? [outcome] : [];
  });
}

export const checkVerificationCodeSearch = defineSearch({
  key: 'check_verification_code',
  noun: 'Verification',
  display: {
    label: 'Check Verification Code',
    description:
      'Checks the code a person typed against the code sent by Send Verification Code. Finds a result only when the code is right.',
  },
  operation: {
    inputFields: [
      {
        key: 'session_uuid',
        label: 'Session UUID',
        required: true,
        helpText: 'The Session UUID from the **Send Verification Code** step.',
      },
      {
        key: 'code',
        label: 'Code',
        required: true,
        helpText:
          'The code the person typed, e.g. 123456. A wrong or expired code finds nothing; Plivo allows 10 checks per code, so send a new code after that.',
      },
    ],
    perform: checkVerificationCode,
    sample: {
      id: '8e712097-8090-4644-81e7-8f4265d8354e',
      sessionUuid: '8e712097-8090-4644-81e7-8f4265d8354e',
      verified: true,
      reason: null,
      message: 'session validated successfully.',
      hint: null,
    },
    outputFields: [
      { key: 'sessionUuid', label: 'Session UUID' },
      { key: 'verified', label: 'Verified', type: 'boolean' },
      { key: 'message', label: 'Plivo Message' },
    ],
  },
});
