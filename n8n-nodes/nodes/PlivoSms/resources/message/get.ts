import { toMessageOutput } from '@textbridge/core/integration';
import type { PlivoClient } from '@textbridge/core/plivo';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { toJson } from '../../../shared/json.js';

export const messageGetDescription: INodeProperties[] = [
  {
    displayName: 'Message UUID',
    name: 'messageUuid',
    type: 'string',
    default: '',
    required: true,
    displayOptions: { show: { resource: ['message'], operation: ['get'] } },
    placeholder: 'e.g. 0936ec98-7c4c-11e4-9bd8-22000afa12b9',
    description: 'The UUID Plivo gave the message when it was sent',
  },
];

export async function getMessage(this: IExecuteFunctions, client: PlivoClient, itemIndex: number): Promise<IDataObject> {
  const uuid = this.getNodeParameter('messageUuid', itemIndex, '') as string;
  return toJson(toMessageOutput(await client.getMessage(uuid)));
}
