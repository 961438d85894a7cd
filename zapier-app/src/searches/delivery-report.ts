// Delivery Report: totals of a time window's outbound messages (core's buildDeliveryReport), as one search result.
import { buildDeliveryReport, type DeliveryReportOutput } from '@textbridge/core/integration';
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../errors.js';
import { optionalText } from '../inputs.js';
import { plivoClientFor } from '../transport.js';

export type DeliveryReportResult = DeliveryReportOutput & { id: string };

export async function deliveryReport(z: ZObject, bundle: Bundle): Promise<DeliveryReportResult[]> {
  return withZapierErrors(z, bundle, async () => {
    const report = await buildDeliveryReport(plivoClientFor(z, bundle), {
      from: optionalText(bundle.inputData.from_time) ?? '',
      to: optionalText(bundle.inputData.to_time) ?? '',
      sender: optionalText(bundle.inputData.sender) ?? null,
    });
    // Zapier wants an id per result; the window and sender name the report.
    return [{ id: `${report.window.from}/${report.window.to}/${report.sender ?? 'all'}`, ...report }];
  });
}

export const DELIVERY_REPORT_SAMPLE: DeliveryReportResult = {
  id: '2026-05-01T00:00:00.000Z/2026-05-02T00:00:00.000Z/+14155552671',
  window: { from: '2026-05-01T00:00:00.000Z', to: '2026-05-02T00:00:00.000Z' },
  sender: '+14155552671',
  messages: 120,
  byStatus: { queued: 0, sent: 2, delivered: 110, undelivered: 5, failed: 3, read: 0, rejected: 0 },
  delivered: 110,
  failed: 8,
  pending: 2,
  deliveryRate: 0.9322,
  byErrorCode: [
    { code: '80', reason: 'Destination temporarily unavailable: the phone is off, out of coverage or its inbox is full.', permanent: false, messages: 5 },
    { code: '50', reason: 'Invalid destination number: the recipient number is badly formatted or cannot receive SMS.', permanent: true, messages: 3 },
  ],
  byCountry: [
    { country: 'US', messages: 100, delivered: 95, failed: 4, deliveryRate: 0.9596 },
    { country: 'GB', messages: 20, delivered: 15, failed: 4, deliveryRate: 0.7895 },
  ],
  bySegments: [
    { type: 'sms', segments: 1, messages: 100 },
    { type: 'sms', segments: 2, messages: 20 },
  ],
  cost: { units: 140, totalAmount: '0.70000', messagesWithoutAmount: 0 },
  timeToDelivered: {
    basis: 'message_updated_time − message_time of delivered messages',
    measured: 110,
    p50Seconds: 3.2,
    p95Seconds: 11.8,
    unavailable: null,
  },
};

export const deliveryReportSearch = defineSearch({
  key: 'delivery_report',
  noun: 'Delivery Report',
  display: {
    label: 'Delivery Report',
    description:
      'Summarizes the messages sent in a time window: totals by status, error code, country and segments, delivery rate, cost and time to delivered.',
  },
  operation: {
    inputFields: [
      {
        key: 'from_time',
        label: 'From Time',
        type: 'datetime',
        required: true,
        helpText: 'Start of the window: messages sent at or after this time, e.g. `yesterday 00:00` or 2026-05-01T00:00:00Z.',
      },
      {
        key: 'to_time',
        label: 'To Time',
        type: 'datetime',
        required: true,
        helpText: 'End of the window: messages sent before this time. Plivo keeps messages for 90 days.',
      },
      {
        key: 'sender',
        label: 'Sender',
        dynamic: 'sender_number.id.label',
        helpText: 'Only messages sent from this number or sender name. Leave empty for every sender.',
      },
    ],
    perform: deliveryReport,
    sample: DELIVERY_REPORT_SAMPLE,
    outputFields: [
      { key: 'window__from', label: 'Window Start', type: 'datetime' },
      { key: 'window__to', label: 'Window End', type: 'datetime' },
      { key: 'sender', label: 'Sender (empty: every sender)' },
      { key: 'messages', label: 'Messages', type: 'integer' },
      { key: 'delivered', label: 'Delivered', type: 'integer' },
      { key: 'failed', label: 'Failed or Undelivered', type: 'integer' },
      { key: 'pending', label: 'Awaiting a Delivery Report', type: 'integer' },
      { key: 'deliveryRate', label: 'Delivery Rate (delivered / final outcomes, 0–1)', type: 'number' },
      ...['queued', 'sent', 'delivered', 'undelivered', 'failed', 'read', 'rejected'].map((state) => ({
        key: `byStatus__${state}`,
        label: `Status: ${state}`,
        type: 'integer' as const,
      })),
      { key: 'byErrorCode[]code', label: 'Error Code' },
      { key: 'byErrorCode[]reason', label: 'Error Reason' },
      { key: 'byErrorCode[]permanent', label: 'Error Is Permanent', type: 'boolean' },
      { key: 'byErrorCode[]messages', label: 'Messages with This Error', type: 'integer' },
      { key: 'byCountry[]country', label: 'Country (ISO code)' },
      { key: 'byCountry[]messages', label: 'Messages to Country', type: 'integer' },
      { key: 'byCountry[]delivered', label: 'Delivered in Country', type: 'integer' },
      { key: 'byCountry[]failed', label: 'Failed in Country', type: 'integer' },
      { key: 'byCountry[]deliveryRate', label: 'Country Delivery Rate', type: 'number' },
      { key: 'bySegments[]type', label: 'Message Type' },
      { key: 'bySegments[]segments', label: 'Segments (Units) per Message', type: 'integer' },
      { key: 'bySegments[]messages', label: 'Messages with These Segments', type: 'integer' },
      { key: 'cost__units', label: 'Units Billed', type: 'integer' },
      { key: 'cost__totalAmount', label: 'Total Amount (USD)' },
      { key: 'cost__messagesWithoutAmount', label: 'Messages Without an Amount', type: 'integer' },
      { key: 'timeToDelivered__p50Seconds', label: 'Time to Delivered, Median (s)', type: 'number' },
      { key: 'timeToDelivered__p95Seconds', label: 'Time to Delivered, 95th Percentile (s)', type: 'number' },
      { key: 'timeToDelivered__measured', label: 'Deliveries Timed', type: 'integer' },
      { key: 'timeToDelivered__basis', label: 'Time to Delivered Is Measured As' },
      { key: 'timeToDelivered__unavailable', label: 'Why Time to Delivered Is Unavailable' },
    ],
  },
});
