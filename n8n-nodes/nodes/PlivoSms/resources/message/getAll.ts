import { toMessageOutput } from '@textbridge/core/integration';
import type { ListMessagesFilters, PlivoClient } from '@textbridge/core/plivo';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { toJson } from '../../../shared/json.js';
import { maxItemsOf, messageStateOptions, returnAllOrLimit } from '../../../shared/descriptions.js';

const showOnlyForGetMany = { resource: ['message'], operation: ['getAll'] };

export const messageGetManyDescription: INodeProperties[] = [
  ...returnAllOrLimit(showOnlyForGetMany),
  {
    displayName: 'Filters',
    name: 'filters',
    type: 'collection',
    placeholder: 'Add Filter',
    default: {},
    displayOptions: { show: showOnlyForGetMany },
    options: [
      {
        displayName: 'Direction',
        name: 'direction',
        type: 'options',
        options: [
          { name: 'Inbound', value: 'inbound' },
          { name: 'Outbound', value: 'outbound' },
        ],
        default: 'outbound',
      },
      {
        displayName: 'From',
        name: 'fromNumber',
        type: 'string',
        default: '',
        placeholder: 'e.g. +14155550100',
        description: 'Only messages sent from this number or sender ID',
      },
      {
        displayName: 'Message Type',
        name: 'type',
        type: 'options',
        options: [
          { name: 'SMS', value: 'sms' },
          { name: 'MMS', value: 'mms' },
        ],
        default: 'sms',
      },
      {
        displayName: 'Sent After',
        name: 'messageTimeGte',
        type: 'dateTime',
        default: '',
        description: 'Only messages sent at or after this time',
      },
      {
        displayName: 'Sent Before',
        name: 'messageTimeLt',
        type: 'dateTime',
        default: '',
        description: 'Only messages sent before this time',
      },
      {
        displayName: 'State',
        name: 'state',
        type: 'options',
        options: messageStateOptions(),
        default: 'delivered',
      },
      {
        displayName: 'To',
        name: 'toNumber',
        type: 'string',
        default: '',
        placeholder: 'e.g. +14155550100',
        description: 'Only messages sent to this number',
      },
    ],
  },
];

/** Drops filters left empty in the UI (n8n keeps added-but-empty collection fields as ""). */
export function messageFilters(raw: IDataObject): ListMessagesFilters {
  const filters: IDataObject = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== '' && value !== undefined && value !== null) filters[key] = value;
  }
  return filters as ListMessagesFilters;
}

export async function getManyMessages(this: IExecuteFunctions, client: PlivoClient, itemIndex: number): Promise<IDataObject[]> {
  const filters = messageFilters(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
  const maxItems = maxItemsOf(this, itemIndex);
  if (maxItems !== undefined) filters.maxItems = maxItems;
  const messages: IDataObject[] = [];
  for await (const message of client.listMessages(filters)) messages.push(toJson(toMessageOutput(message)));
  return messages;
}
