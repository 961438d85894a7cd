// Delivery Status (Instant): subscribing registers the Zap's hook URL in core's status-callback registry (a Plivo
// application attached to no number); Send SMS then points each message's status callback at the newest such hook.
// Each call is accepted only with a valid Plivo signature whose nonce was not used before.
import {
  registerStatusCallback,
  toMessageOutput,
  unregisterStatusCallback,
  type StatusCallbackTarget,
} from '@textbridge/core/integration';
import type { Message } from '@textbridge/core/plivo';
import type { DeliveryStatusEvent } from '@textbridge/core/webhooks';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { withZapierErrors } from '../errors.js';
import { verifiedHookEvent } from '../hook-request.js';
import { zapierStatusLabel } from '../status-hook.js';
import { plivoClientFor } from '../transport.js';

export type StatusSubscription = StatusCallbackTarget & { id: string };

export type DeliveryStatusOutput = {
  /** Message and status: a message reports each state once. */
  id: string;
  messageUuid: string;
  status: string;
  errorCode: string | null;
  errorReason: string | null;
  from: string | null;
  to: string | null;
  units: number | null;
  totalAmount: number | string | null;
  /** Which part of a long message this report is about (1 of partCount); null when Plivo does not say. */
  part: number | null;
  partCount: number | null;
  deliveryReportTime: string | null;
};

export function statusEventOutput(event: DeliveryStatusEvent): DeliveryStatusOutput {
  return {
    id: `${event.messageUuid}:${event.status}`,
    messageUuid: event.messageUuid,
    status: event.status,
    errorCode: event.errorCode,
    errorReason: event.errorReason,
    from: event.from,
    to: event.to,
    units: event.units,
    totalAmount: event.totalAmount,
    part: event.partInfo?.part ?? null,
    partCount: event.partInfo?.total ?? null,
    deliveryReportTime: event.deliveryReportTime,
  };
}

function statusRecordOutput(message: Message): DeliveryStatusOutput {
  const record = toMessageOutput(message);
  return {
    id: `${record.messageUuid}:${record.status}`,
    messageUuid: record.messageUuid,
    status: record.status ?? 'unknown',
    errorCode: record.errorCode,
    errorReason: record.errorReason,
    from: record.from,
    to: record.to,
    units: record.units,
    totalAmount: record.totalAmount,
    part: null,
    partCount: null,
    deliveryReportTime: record.updatedTime,
  };
}

export async function subscribeStatus(z: ZObject, bundle: Bundle): Promise<StatusSubscription> {
  return withZapierErrors(z, bundle, async () => {
    const url = bundle.targetUrl ?? '';
    const target = await registerStatusCallback(plivoClientFor(z, bundle), { url, label: zapierStatusLabel(url) });
    return { id: target.appId, ...target };
  });
}

export async function unsubscribeStatus(z: ZObject, bundle: Bundle): Promise<{ id: string | null; unsubscribed: true }> {
  return withZapierErrors(z, bundle, async () => {
    const subscription = bundle.subscribeData as StatusSubscription | undefined;
    await unregisterStatusCallback(plivoClientFor(z, bundle), subscription);
    return { id: subscription?.appId ?? null, unsubscribed: true };
  });
}

/** Like New Inbound SMS (see hook-request.ts): a request not from Plivo, or a replay, gives no result. */
export async function receiveStatus(z: ZObject, bundle: Bundle): Promise<DeliveryStatusOutput[]> {
  const event = await verifiedHookEvent(z, bundle, 'status');
  return event ? [statusEventOutput(event)] : [];
}

/** Recent sent messages with their current status, for setting up the Zap. */
export async function listRecentStatuses(z: ZObject, bundle: Bundle): Promise<DeliveryStatusOutput[]> {
  return withZapierErrors(z, bundle, async () => {
    const page = await plivoClientFor(z, bundle).listMessagesPage({ direction: 'outbound', limit: 3 });
    return page.items.map(statusRecordOutput);
  });
}

export const deliveryStatusInstantTrigger = defineTrigger({
  key: 'delivery_status_instant',
  noun: 'Delivery Status',
  display: {
    label: 'Delivery Status (Instant)',
    description:
      'Triggers instantly when Plivo reports the delivery status of a message sent with Send SMS (delivered, failed…).',
  },
  operation: {
    type: 'hook',
    inputFields: [
      {
        key: 'require_v3',
        label: 'Require V3 Signatures',
        type: 'boolean',
        required: false,
        default: 'false',
        helpText: 'Ignore calls signed only with Plivo’s older V2 signature. Turn on if your Plivo account’s callbacks carry `X-Plivo-Signature-V3`.',
      },
    ],
    performSubscribe: subscribeStatus,
    performUnsubscribe: unsubscribeStatus,
    perform: receiveStatus,
    performList: listRecentStatuses,
    sample: {
      id: '2b3f8f4e-1c2d-11ef-9a1c-0242ac110002:delivered',
      messageUuid: '2b3f8f4e-1c2d-11ef-9a1c-0242ac110002',
      status: 'delivered',
      errorCode: null,
      errorReason: null,
      from: '+14155552671',
      to: '+14155550123',
      units: 1,
      totalAmount: 0.005,
      part: 1,
      partCount: 1,
      deliveryReportTime: '2026-05-22T21:36:18.000Z',
    },
    outputFields: [
      { key: 'messageUuid', label: 'Message UUID', primary: true },
      { key: 'status', label: 'Status (queued, sent, delivered, undelivered, failed…)', primary: true },
      { key: 'errorCode', label: 'Error Code' },
      { key: 'errorReason', label: 'Error Reason' },
      { key: 'from', label: 'From' },
      { key: 'to', label: 'To' },
      { key: 'units', label: 'Units Billed', type: 'integer' },
      { key: 'totalAmount', label: 'Total Amount (USD)' },
      { key: 'part', label: 'Part', type: 'integer' },
      { key: 'partCount', label: 'Parts', type: 'integer' },
      { key: 'deliveryReportTime', label: 'Delivery Report Time', type: 'datetime' },
    ],
  },
});
