import { normalizePhoneNumber } from '@textbridge/core/phone';
import type { PlivoClient } from '@textbridge/core/plivo';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { toJson } from '../../../shared/json.js';
import { checkWiringDescription } from './checkWiring.js';

const showOnlyForLookUp = { resource: ['number'], operation: ['lookUp'] };

export const numberDescription: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['number'] } },
    options: [
      {
        name: 'Check Wiring',
        value: 'checkWiring',
        action: 'Check where numbers send inbound SMS',
        description:
          'List each number with its Plivo application and the URL its inbound SMS go to, and whether that is the expected webhook URL',
      },
      {
        name: 'Look Up',
        value: 'lookUp',
        action: 'Look up a phone number',
        description: 'Get the carrier, line type, formats and porting state of a number (Plivo charges per lookup)',
      },
    ],
    default: 'lookUp',
  },
  ...checkWiringDescription,
  {
    displayName: 'Phone Number',
    name: 'number',
    type: 'string',
    default: '',
    required: true,
    displayOptions: { show: showOnlyForLookUp },
    placeholder: 'e.g. +14155550100',
  },
  {
    displayName: 'Default Country',
    name: 'defaultCountry',
    type: 'string',
    default: '',
    displayOptions: { show: showOnlyForLookUp },
    placeholder: 'e.g. US',
    description: 'Two-letter country code used when the number is written without a country code',
  },
];

export async function lookUpNumber(this: IExecuteFunctions, client: PlivoClient, itemIndex: number): Promise<IDataObject> {
  const defaultCountry = (this.getNodeParameter('defaultCountry', itemIndex, '') as string).trim() || undefined;
  const number = normalizePhoneNumber(this.getNodeParameter('number', itemIndex, ''), defaultCountry, 'number');
  return toJson(await client.lookupNumber(number));
}
