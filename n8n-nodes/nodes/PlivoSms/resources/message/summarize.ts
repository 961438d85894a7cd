// Message → Summarize: one item with the delivery report of a time window (core's buildDeliveryReport).
import { buildDeliveryReport } from '@textbridge/core/integration';
import type { PlivoClient } from '@textbridge/core/plivo';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { toJson } from '../../../shared/json.js';

const showOnlyForSummarize = { resource: ['message'], operation: ['summarize'] };

export const messageSummarizeDescription: INodeProperties[] = [
  {
    displayName: 'From Time',
    name: 'fromTime',
    type: 'dateTime',
    default: '',
    required: true,
    displayOptions: { show: showOnlyForSummarize },
    description: 'Start of the window: messages sent at or after this time (UTC unless the time carries an offset)',
  },
  {
    displayName: 'To Time',
    name: 'toTime',
    type: 'dateTime',
    default: '',
    required: true,
    displayOptions: { show: showOnlyForSummarize },
    description: 'End of the window: messages sent before this time. Plivo keeps messages for 90 days.',
  },
  {
    displayName: 'Sender',
    name: 'sender',
    type: 'resourceLocator',
    default: { mode: 'list', value: '' },
    displayOptions: { show: showOnlyForSummarize },
    description: 'Only messages sent from this number or sender ID; leave empty for every sender',
    modes: [
      {
        displayName: 'From List',
        name: 'list',
        type: 'list',
        typeOptions: { searchListMethod: 'searchSmsNumbers', searchable: true },
      },
      {
        displayName: 'Number or Sender ID',
        name: 'id',
        type: 'string',
        placeholder: 'e.g. +14155550100 or MyBrand',
      },
    ],
  },
];

/** An expression such as `{{ $now.minus({ days: 1 }) }}` gives a Luxon DateTime rather than text. */
function timeParameter(value: unknown): Date | string {
  if (value instanceof Date) return value;
  const toISO = (value as { toISO?: unknown } | null)?.toISO;
  if (typeof toISO === 'function') return String(toISO.call(value));
  return value === undefined || value === null ? '' : String(value);
}

export async function summarizeMessages(this: IExecuteFunctions, client: PlivoClient, itemIndex: number): Promise<IDataObject> {
  const report = await buildDeliveryReport(client, {
    from: timeParameter(this.getNodeParameter('fromTime', itemIndex, '')),
    to: timeParameter(this.getNodeParameter('toTime', itemIndex, '')),
    sender: this.getNodeParameter('sender', itemIndex, '', { extractValue: true }) as string,
  }, { labels: { from: 'fromTime', to: 'toTime', sender: 'sender' } });
  return toJson(report);
}
