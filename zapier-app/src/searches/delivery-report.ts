// Delivery Report: totals of a time window's outbound messages (core's buildDeliveryReport), as one search result.
import { buildDeliveryReport, type DeliveryReportOutput } from '@textbridge/core/integration';
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../errors.js';
import { optionalText } from '../inputs.js';
import { plivoClientFor } from '../transport.js';

/**
 * Zapier maps flat fields most easily: the report's objects become top-level fields; its lists (error codes,
 * countries, segments) stay lists, which Zapier shows as line items.
 */
// A type, not an interface: Zapier's sample type needs the implicit index signature.
export type DeliveryReportResult = {
  id: string;
  windowFrom: string;
  windowTo: string;
  sender: string | null;
  messages: number;
  delivered: number;
  failed: number;
  pending: number;
  deliveryRate: number | null;
  /** Every state met, including ones Plivo may add. */
  byStatus: DeliveryReportOutput['byStatus'];
  statusQueued: number;
  statusSent: number;
  statusDelivered: number;
  statusUndelivered: number;
  statusFailed: number;
  statusRead: number;
  statusRejected: number;
  byErrorCode: DeliveryReportOutput['byErrorCode'];
  byCountry: DeliveryReportOutput['byCountry'];
  bySegments: DeliveryReportOutput['bySegments'];
  units: number;
  totalAmount: string;
  messagesWithoutAmount: number;
  timeToDeliveredP50Seconds: number | null;
  timeToDeliveredP95Seconds: number | null;
  deliveriesTimed: number;
  timeToDeliveredBasis: string;
  timeToDeliveredUnavailable: string | null;
};

export function toDeliveryReportResult(report: DeliveryReportOutput): DeliveryReportResult {
  const { window, cost, timeToDelivered: timing } = report;
  return {
    // Zapier wants an id per result; the window and sender name the report.
    id: `${window.from}/${window.to}/${report.sender ?? 'all'}`,
    windowFrom: window.from,
    windowTo: window.to,
    sender: report.sender,
    messages: report.messages,
    delivered: report.delivered,
    failed: report.failed,
    pending: report.pending,
    deliveryRate: report.deliveryRate,
    byStatus: report.byStatus,
    statusQueued: report.byStatus.queued ?? 0,
    statusSent: report.byStatus.sent ?? 0,
    statusDelivered: report.byStatus.delivered ?? 0,
    statusUndelivered: report.byStatus.undelivered ?? 0,
    statusFailed: report.byStatus.failed ?? 0,
    statusRead: report.byStatus.read ?? 0,
    statusRejected: report.byStatus.rejected ?? 0,
    byErrorCode: report.byErrorCode,
    byCountry: report.byCountry,
    bySegments: report.bySegments,
    units: cost.units,
    totalAmount: cost.totalAmount,
    messagesWithoutAmount: cost.messagesWithoutAmount,
    timeToDeliveredP50Seconds: timing.p50Seconds,
    timeToDeliveredP95Seconds: timing.p95Seconds,
    deliveriesTimed: timing.measured,
    timeToDeliveredBasis: timing.basis,
    timeToDeliveredUnavailable: timing.unavailable,
  };
}

export async function deliveryReport(z: ZObject, bundle: Bundle): Promise<DeliveryReportResult[]> {
  return withZapierErrors(z, bundle, async () => {
    const report = await buildDeliveryReport(plivoClientFor(z, bundle), {
      from: optionalText(bundle.inputData.from_time) ?? '',
      to: optionalText(bundle.inputData.to_time) ?? '',
      sender: optionalText(bundle.inputData.sender) ?? null,
    }, { labels: { from: 'from_time', to: 'to_time', sender: 'sender' } });
    return [toDeliveryReportResult(report)];
  });
}

export const DELIVERY_REPORT_SAMPLE: DeliveryReportResult = toDeliveryReportResult({
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
});

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
      { key: 'windowFrom', label: 'Window Start', type: 'datetime' },
      { key: 'windowTo', label: 'Window End', type: 'datetime' },
      { key: 'sender', label: 'Sender (empty: every sender)' },
      { key: 'messages', label: 'Messages', type: 'integer' },
      { key: 'delivered', label: 'Delivered', type: 'integer' },
      { key: 'failed', label: 'Failed or Undelivered', type: 'integer' },
      { key: 'pending', label: 'Awaiting a Delivery Report', type: 'integer' },
      { key: 'deliveryRate', label: 'Delivery Rate (delivered / final outcomes, 0–1)', type: 'number' },
      { key: 'statusQueued', label: 'Status: Queued', type: 'integer' },
      { key: 'statusSent', label: 'Status: Sent (no delivery report yet)', type: 'integer' },
      { key: 'statusDelivered', label: 'Status: Delivered', type: 'integer' },
      { key: 'statusUndelivered', label: 'Status: Undelivered', type: 'integer' },
      { key: 'statusFailed', label: 'Status: Failed', type: 'integer' },
      { key: 'statusRead', label: 'Status: Read (WhatsApp)', type: 'integer' },
      { key: 'statusRejected', label: 'Status: Rejected', type: 'integer' },
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
      { key: 'units', label: 'Units Billed', type: 'integer' },
      { key: 'totalAmount', label: 'Total Amount (USD)' },
      { key: 'messagesWithoutAmount', label: 'Messages Without an Amount', type: 'integer' },
      { key: 'timeToDeliveredP50Seconds', label: 'Time to Delivered, Median (s)', type: 'number' },
      { key: 'timeToDeliveredP95Seconds', label: 'Time to Delivered, 95th Percentile (s)', type: 'number' },
      { key: 'deliveriesTimed', label: 'Deliveries Timed', type: 'integer' },
      { key: 'timeToDeliveredBasis', label: 'Time to Delivered Is Measured As' },
      { key: 'timeToDeliveredUnavailable', label: 'Why Time to Delivered Is Unavailable' },
    ],
  },
});
