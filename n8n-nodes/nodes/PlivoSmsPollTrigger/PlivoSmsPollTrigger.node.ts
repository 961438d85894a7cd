import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { pollMessages } from './methods/poll.js';
import { messageStateOptions } from '../shared/descriptions.js';

export class PlivoSmsPollTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Plivo SMS Poll Trigger',
    name: 'plivoSmsPollTrigger',
    icon: { light: 'file:../../icons/plivo.svg', dark: 'file:../../icons/plivo.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{$parameter["event"] === "inbound" ? "Inbound SMS (polling)" : "Delivery Status (polling)"}}',
    description:
      'Checks Plivo regularly for new inbound messages or delivery states; for n8n instances Plivo cannot call',
    defaults: { name: 'Plivo SMS Poll Trigger' },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'plivoSmsApi', required: true }],
    properties: [
      {
        displayName: 'Event',
        name: 'event',
        type: 'options',
        noDataExpression: true,
        options: [
          {
            name: 'Inbound SMS',
            value: 'inbound',
            description: 'A message arrived on one of your Plivo numbers (Plivo\'s message list has no text)',
          },
          {
            name: 'Delivery Status',
            value: 'status',
            description: 'A message you sent reached a new delivery state',
          },
        ],
        default: 'status',
      },
      {
        displayName: 'Options',
        name: 'options',
        type: 'collection',
        placeholder: 'Add Option',
        default: {},
        options: [
          {
            displayName: 'Look Back (Hours)',
            name: 'lookBackHours',
            type: 'number',
            typeOptions: { minValue: 1, maxValue: 720 },
            default: 24,
            description: 'How far back each poll looks for messages whose state may still change',
          },
          {
            displayName: 'Only Statuses',
            name: 'statuses',
            type: 'multiOptions',
            displayOptions: { show: { '/event': ['status'] } },
            options: messageStateOptions('outbound'),
            default: [],
            description: 'Start only for these delivery states; none chosen starts for all',
          },
        ],
      },
    ],
  };

  poll = pollMessages;
}
