import { toVerificationSessionOutput } from '@textbridge/core/integration';
import type { ListVerificationSessionsFilters, PlivoClient } from '@textbridge/core/plivo';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { maxItemsOf, returnAllOrLimit } from '../../../shared/descriptions.js';
import { toJson } from '../../../shared/json.js';

const showOnlyForGetMany = { resource: ['verification'], operation: ['getAll'] };

export const verificationGetManyDescription: INodeProperties[] = [
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
        displayName: 'Phone Number',
        name: 'recipient',
        type: 'string',
        default: '',
        placeholder: 'e.g. +14155550100',
        description: 'Only sessions that sent a code to this number',
      },
      {
        displayName: 'Started After',
        name: 'sessionTimeGte',
        type: 'dateTime',
        default: '',
        description: 'Only sessions started at or after this time',
      },
      {
        displayName: 'Started Before',
        name: 'sessionTimeLt',
        type: 'dateTime',
        default: '',
        description: 'Only sessions started before this time',
      },
      {
        displayName: 'Status',
        name: 'status',
        type: 'options',
        options: [
          { name: 'Expired', value: 'expired' },
          { name: 'In Progress', value: 'in-progress' },
          { name: 'Verified', value: 'verified' },
        ],
        default: 'verified',
      },
      {
        displayName: 'Verify Application UUID',
        name: 'appUuid',
        type: 'string',
        default: '',
        description: 'Only sessions of this Verify application',
      },
    ],
  },
];

/** The fields set in a collection: n8n keeps added-but-empty ones as "" (text is trimmed). */
export function filledIn(raw: IDataObject): IDataObject {
  const given: IDataObject = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== '' && value !== undefined && value !== null) given[key] = typeof value === 'string' ? value.trim() : value;
  }
  return given;
}

export async function getManyVerificationSessions(
  this: IExecuteFunctions,
  client: PlivoClient,
  itemIndex: number,
): Promise<IDataObject[]> {
  const filters = filledIn(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
  const maxItems = maxItemsOf(this, itemIndex);
  if (maxItems !== undefined) filters.maxItems = maxItems;
  const sessions: IDataObject[] = [];
  for await (const session of client.listVerificationSessions(filters as ListVerificationSessionsFilters)) {
    sessions.push(toJson(toVerificationSessionOutput(session)));
  }
  return sessions;
}
