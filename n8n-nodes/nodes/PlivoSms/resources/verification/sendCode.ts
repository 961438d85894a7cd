import { toSendCodeOutput } from '@textbridge/core/integration';
import type { PlivoClient, SendVerificationCodeParams } from '@textbridge/core/plivo';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { toJson } from '../../../shared/json.js';
import { filledIn } from './getAll.js';

const showOnlyForSendCode = { resource: ['verification'], operation: ['sendCode'] };

export const verificationSendCodeDescription: INodeProperties[] = [
  {
    displayName: 'Phone Number',
    name: 'recipient',
    type: 'string',
    default: '',
    required: true,
    displayOptions: { show: showOnlyForSendCode },
    placeholder: 'e.g. +14155550100',
    description: 'The number to verify, with its country code (or set a default country below)',
  },
  {
    displayName: 'Channel',
    name: 'channel',
    type: 'options',
    options: [
      { name: 'SMS', value: 'sms', description: 'Text the code' },
      { name: 'Voice', value: 'voice', description: 'Call the number and read the code out' },
    ],
    default: 'sms',
    displayOptions: { show: showOnlyForSendCode },
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    displayOptions: { show: showOnlyForSendCode },
    options: [
      {
        displayName: 'Brand Name',
        name: 'brandName',
        type: 'string',
        default: '',
        placeholder: 'e.g. Acme',
        description: 'Shown in the message ("Your Acme verification code is …"); overrides the Verify application\'s brand name',
      },
      {
        displayName: 'Code Length',
        name: 'codeLength',
        type: 'number',
        typeOptions: { minValue: 4, maxValue: 8 },
        default: 6,
        description: 'Digits in the code (4 to 8); overrides the Verify application\'s length',
      },
      {
        displayName: 'Default Country',
        name: 'defaultCountry',
        type: 'string',
        default: '',
        placeholder: 'e.g. US',
        description: 'Two-letter country code used when the number is written without a country code',
      },
      {
        displayName: 'Locale',
        name: 'locale',
        type: 'string',
        default: '',
        placeholder: 'e.g. en_US',
        description: 'Language of the message or call, e.g. en, es, fr_FR (Plivo enables other languages on request)',
      },
      {
        displayName: 'Verify Application UUID',
        name: 'appUuid',
        type: 'string',
        default: '',
        description: 'The Plivo Verify application to use (its template, code expiry and fraud settings); empty uses the account\'s default one',
      },
    ],
  },
];

export async function sendVerificationCode(this: IExecuteFunctions, client: PlivoClient, itemIndex: number): Promise<IDataObject> {
  const params = {
    recipient: this.getNodeParameter('recipient', itemIndex, '') as string,
    channel: this.getNodeParameter('channel', itemIndex, 'sms') as string,
    ...filledIn(this.getNodeParameter('options', itemIndex, {}) as IDataObject),
  } as SendVerificationCodeParams;
  return toJson(toSendCodeOutput(await client.sendVerificationCode(params), params));
}
