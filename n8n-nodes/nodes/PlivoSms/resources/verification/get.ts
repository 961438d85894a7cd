import { toVerificationSessionOutput } from '@textbridge/core/integration';
import type { PlivoClient } from '@textbridge/core/plivo';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { toJson } from '../../../shared/json.js';

export const verificationGetDescription: INodeProperties[] = [
  {
    displayName: 'Session UUID',
    name: 'sessionUuid',
    type: 'string',
    default: '',
    required: true,
    displayOptions: { show: { resource: ['verification'], operation: ['get'] } },
    placeholder: 'e.g. 8e712097-8090-4644-81e7-8f4265d8354e',
    description: 'The session UUID that Send Code returned',
  },
];

export async function getVerificationSession(this: IExecuteFunctions, client: PlivoClient, itemIndex: number): Promise<IDataObject> {
  const sessionUuid = this.getNodeParameter('sessionUuid', itemIndex, '') as string;
  return toJson(toVerificationSessionOutput(await client.getVerificationSession(sessionUuid)));
}
