// Data module: the message states Plivo reports, with the label and meaning hosts show in their status pickers.
export interface MessageStateInfo {
  value: 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received' | 'read' | 'rejected';
  label: string;
  description: string;
  /** Outbound messages go through these; inbound ones are `received`. */
  outbound: boolean;
}

export const MESSAGE_STATES: readonly MessageStateInfo[] = [
  { value: 'queued', label: 'Queued', description: 'Accepted by Plivo, not yet handed to a carrier', outbound: true },
  { value: 'sent', label: 'Sent', description: 'Handed to the carrier; no delivery report yet', outbound: true },
  { value: 'delivered', label: 'Delivered', description: 'The phone received it', outbound: true },
  { value: 'undelivered', label: 'Undelivered', description: 'The carrier could not deliver it (see the error code)', outbound: true },
  { value: 'failed', label: 'Failed', description: 'Plivo could not send it (see the error code)', outbound: true },
  { value: 'read', label: 'Read', description: 'Read by the recipient (WhatsApp only)', outbound: true },
  { value: 'rejected', label: 'Rejected', description: 'Refused before sending (legacy state)', outbound: true },
  { value: 'received', label: 'Received', description: 'An inbound message reached your number', outbound: false },
];
