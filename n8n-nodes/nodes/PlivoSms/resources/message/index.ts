import type { INodeProperties } from 'n8n-workflow';
import { messageGetDescription } from './get.js';
import { messageGetManyDescription } from './getAll.js';
import { messageSendDescription } from './send.js';
import { messageSummarizeDescription } from './summarize.js';

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
      {
        name: 'Summarize',
        value: 'summarize',
        action: 'Summarize message delivery',
        description:
          'Delivery report for a time window: totals by status, error code, country and segments, delivery rate, cost, time to delivered',
      },
    ],
    default: 'send',
  },
  ...messageSendDescription,
  ...messageGetDescription,
  ...messageGetManyDescription,
  ...messageSummarizeDescription,
];
