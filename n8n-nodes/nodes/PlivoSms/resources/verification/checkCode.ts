import { checkVerificationCodeOutcome } from '@textbridge/core/integration';
import type { PlivoClient } from '@textbridge/core/plivo';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { toJson } from '../../../shared/json.js';

const showOnlyForCheckCode = { resource: ['verification'], operation: ['checkCode'] };

export const verificationCheckCodeDescription: INodeProperties[] = [
  {
    displayName: 'Session UUID',
    name: 'sessionUuid',
    type: 'string',
    default: '',
    required: true,
    displayOptions: { show: showOnlyForCheckCode },
    placeholder: 'e.g. 8e712097-8090-4644-81e7-8f4265d8354e',
    description: 'The session UUID that Send Code returned',
  },
  {
    displayName: 'Code',
    name: 'code',
    type: 'string',
    default: '',
    required: true,
    displayOptions: { show: showOnlyForCheckCode },
    placeholder: 'e.g. 123456',
    description: 'The code the person typed. A wrong, expired or used-up code gives verified = false with the reason; branch on it with an If node.',
  },
];

export async function checkVerificationCode(this: IExecuteFunctions, client: PlivoClient, itemIndex: number): Promise<IDataObject> {
  const sessionUuid = this.getNodeParameter('sessionUuid', itemIndex, '') as string;
  const code = this.getNodeParameter('code', itemIndex, '') as string | number;
  return toJson(await checkVerificationCodeOutcome(client, sessionUuid, String(code)));
}
