// Send Verification Code: Plivo Verify texts (or calls) a one-time code to a phone number; the result carries the
// session UUID that Check Verification Code takes. Sending again to the same number while its code is valid resends
// the same code in the same session.
import { toSendCodeOutput, type SendCodeOutput } from '@textbridge/core/integration';
import type { SendVerificationCodeParams } from '@textbridge/core/plivo';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../errors.js';
import { optionalInteger, optionalText } from '../inputs.js';
import { plivoClientFor } from '../transport.js';

function paramsFrom(inputData: Record<string, unknown>): SendVerificationCodeParams {
  const given = {
    defaultCountry: optionalText(inputData.default_country)?.toUpperCase(),
    channel: optionalText(inputData.channel)?.toLowerCase(),
    brandName: optionalText(inputData.brand_name),
    codeLength: optionalInteger(inputData.code_length),
    locale: optionalText(inputData.locale),
    appUuid: optionalText(inputData.app_uuid),
  };
  const params: Record<string, unknown> = { recipient: optionalText(inputData.phone_number) ?? '' };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) params[key] = value;
  return params as SendVerificationCodeParams;
}

export async function sendVerificationCode(z: ZObject, bundle: Bundle): Promise<SendCodeOutput> {
  return withZapierErrors(z, bundle, async () => {
    const params = paramsFrom(bundle.inputData);
    return toSendCodeOutput(await plivoClientFor(z, bundle).sendVerificationCode(params), params);
  });
}

export const SEND_CODE_SAMPLE: SendCodeOutput = {
  id: '8e712097-8090-4644-81e7-8f4265d8354e',
  sessionUuid: '8e712097-8090-4644-81e7-8f4265d8354e',
  recipient: '+14155550123',
  channel: 'sms',
  message: 'Session initiated',
  apiId: '3335cb16-d297-4e00-a5e6-66d2bb03b323',
};

export const sendVerificationCodeCreate = defineCreate({
  key: 'send_verification_code',
  noun: 'Verification Code',
  display: {
    label: 'Send Verification Code',
    description: 'Texts or calls a one-time code to a phone number with Plivo Verify, e.g. to confirm a number at sign-up.',
  },
  operation: {
    inputFields: [
      {
        key: 'phone_number',
        label: 'Phone Number',
        required: true,
        helpText: 'The number to verify, with its country code (e.g. +14155550123), or set a Default Country.',
      },
      {
        key: 'channel',
        label: 'Send By',
        required: false,
        choices: { sms: 'SMS', voice: 'Voice call' },
        default: 'sms',
        helpText: 'SMS texts the code; a voice call reads it out.',
      },
      {
        key: 'brand_name',
        label: 'Brand Name',
        required: false,
        helpText: 'Shown in the message, e.g. "Your Acme verification code is 123456". Overrides the brand name of the Verify application.',
      },
      {
        key: 'code_length',
        label: 'Code Length',
        type: 'integer',
        required: false,
        helpText: 'Digits in the code, 4 to 8. Leave empty for the Verify application’s length (6 by default).',
      },
      {
        key: 'default_country',
        label: 'Default Country',
        required: false,
        helpText: 'Two-letter country code (e.g. US, GB) used when the number is written without its country code.',
      },
      {
        key: 'locale',
        label: 'Language',
        required: false,
        helpText: 'Language of the message or call, e.g. en, es or fr_FR. Plivo enables languages other than English on request.',
      },
      {
        key: 'app_uuid',
        label: 'Verify Application UUID',
        required: false,
        helpText: 'The Plivo Verify application to use (template, code expiry, fraud settings). Leave empty for your default one.',
      },
    ],
    perform: sendVerificationCode,
    sample: SEND_CODE_SAMPLE,
    outputFields: [
      { key: 'sessionUuid', label: 'Session UUID (for Check Verification Code)' },
      { key: 'recipient', label: 'Phone Number (E.164)' },
      { key: 'channel', label: 'Sent By (sms or voice)' },
      { key: 'message', label: 'Plivo Message' },
      { key: 'apiId', label: 'Plivo API ID' },
    ],
  },
});
