// Zapier's field labels and sample for the message object core's toMessageOutput produces.
import type { MessageOutput } from '@textbridge/core/integration';

/** Output fields shared by every operation that returns messages (labels say what each value means). */
export const MESSAGE_OUTPUT_FIELDS = [
  { key: 'messageUuid', label: 'Message UUID' },
  { key: 'from', label: 'From' },
  { key: 'to', label: 'To' },
  { key: 'direction', label: 'Direction (inbound or outbound)' },
  { key: 'status', label: 'Status' },
  { key: 'type', label: 'Type (sms or mms)' },
  { key: 'units', label: 'Units Billed', type: 'integer' },
  { key: 'totalAmount', label: 'Total Amount (USD)' },
  { key: 'totalRate', label: 'Rate per Unit (USD)' },
  { key: 'errorCode', label: 'Error Code' },
  { key: 'errorReason', label: 'Error Reason' },
  { key: 'messageTime', label: 'Message Time', type: 'datetime' },
  { key: 'sentTime', label: 'Sent Time', type: 'datetime' },
  { key: 'updatedTime', label: 'Last Updated', type: 'datetime' },
  { key: 'destinationCountry', label: 'Destination Country' },
  { key: 'powerpackId', label: 'Powerpack ID' },
] as const;

export const MESSAGE_SAMPLE: MessageOutput = {
  id: '2b3f8f4e-1c2d-11ef-9a1c-0242ac110002',
  messageUuid: '2b3f8f4e-1c2d-11ef-9a1c-0242ac110002',
  from: '+14155552671',
  to: '+14155550123',
  direction: 'outbound',
  status: 'delivered',
  type: 'sms',
  units: 1,
  totalAmount: '0.00500',
  totalRate: '0.00500',
  errorCode: null,
  errorReason: null,
  messageTime: '2026-05-22T21:36:14.000Z',
  sentTime: '2026-05-22T21:36:15.000Z',
  updatedTime: '2026-05-22T21:36:18.000Z',
  destinationCountry: 'US',
  powerpackId: null,
};
