import type { INodeProperties } from 'n8n-workflow';
import { messageGetDescription } from './get.js';
import { messageGetManyDescription } from './getAll.js';
import { messageSendDescription } from './send.js';

export const messageDescription: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['message'] } },
    options: [
      {
        name: 'Send',
        value: 'send',
        action: 'Send an SMS or MMS',
        description: 'Send a message to one or several numbers (identical texts are batched into one Plivo request)',
      },
      {
        name: 'Get',
        value: 'get',
        action: 'Get a message',
        description: 'Get one message and its delivery state by its UUID',
      },
      {
        name: 'Get Many',
        value: 'getAll',
        action: 'Get many messages',
        description: 'List messages sent or received by the account',
      },
    ],
    default: 'send',
  },
  ...messageSendDescription,
  ...messageGetDescription,
  ...messageGetManyDescription,
];
