import type { INodeProperties } from 'n8n-workflow';
import { verificationCheckCodeDescription } from './checkCode.js';
import { verificationGetDescription } from './get.js';
import { verificationGetManyDescription } from './getAll.js';
import { verificationSendCodeDescription } from './sendCode.js';

export const verificationDescription: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['verification'] } },
    options: [
      {
        name: 'Send Code',
        value: 'sendCode',
        action: 'Send a verification code',
        description: 'Text (or call) a one-time code to a phone number with Plivo Verify; returns the session UUID to check it with',
      },
      {
        name: 'Check Code',
        value: 'checkCode',
        action: 'Check a verification code',
        description: 'Check the code a person typed against their session: outputs verified true or false, with the reason',
      },
      {
        name: 'Get',
        value: 'get',
        action: 'Get a verification session',
        description: 'Get one verification session: its status, attempts and charges',
      },
      {
        name: 'Get Many',
        value: 'getAll',
        action: 'Get many verification sessions',
        description: 'List verification sessions (the last 24 hours unless a time filter is set)',
      },
    ],
    default: 'sendCode',
  },
  ...verificationSendCodeDescription,
  ...verificationCheckCodeDescription,
  ...verificationGetDescription,
  ...verificationGetManyDescription,
];
