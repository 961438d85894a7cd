// Send SMS: one text to one or several numbers through core's bulk sender; one Zapier result summarising them all.
import { isTextbridgeError } from '@textbridge/core/errors';
import { splitRecipients, splitUrls, summarizeSendOutputs, toSendOutput, type SendOutput } from '@textbridge/core/integration';
import { sendBulk } from '@textbridge/core/node';
import { labelSendFields, type PlivoClient } from '@textbridge/core/plivo';
import { isSendFailure, type BulkQuietHours, type BulkSendClient, type SendRequest } from '@textbridge/core/send';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { toZapierError, withZapierErrors } from '../errors.js';
import { flag, optionalInteger, optionalText } from '../inputs.js';
import { subscribedStatusUrl } from '../status-hook.js';
import { plivoClientFor } from '../transport.js';
import { MEDIA_FILES_KEY, uploadMediaFiles } from './media-files.js';

export type RecipientOutput = {
  to: string | null;
  status: SendOutput['status'];
  messageUuid: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** held: when it may be sent (ISO-8601). */
  sendAfter?: string;
};

export type SendSmsOutput = {
  id: string;
  /**
   * queued: every recipient was accepted; partially_queued: some were not (see recipients); held: none was sent,
   * quiet hours hold them until `sendAfter`; skipped: none was sent, every recipient opted out.
   */
  status: 'queued' | 'partially_queued' | 'held' | 'skipped';
  messageUuid: string;
  messageUuids: string[];
  to: (string | null)[];
  from: string | null;
  encoding: string | null;
  segmentCount: number | null;
  unitCount: number | null;
  characterCount: number | null;
  smartEncodingApplied: boolean | null;
  queuedCount: number;
  failedCount: number;
  heldCount: number;
  skippedCount: number;
  /** When every held recipient may be sent (ISO-8601, UTC), for a Delay step; null when none is held. */
  sendAfter: string | null;
  recipients: RecipientOutput[];
  /** Where Plivo reports delivery: the step's Status Callback URL, else the newest Delivery Status (Instant) hook. */
  statusCallbackUrl: string | null;
};

function messagesFrom(inputData: Record<string, unknown>): SendRequest[] {
  const src = optionalText(inputData.from);
  const text = typeof inputData.message === 'string' ? inputData.message : optionalText(inputData.message);
  const mediaUrls = splitUrls(inputData.media_urls);
  const messageExpiry = optionalInteger(inputData.message_expiry);
  const statusUrl = optionalText(inputData.status_callback_url);
  const shared: Omit<SendRequest, 'dst'> = {
    ...(src === undefined ? {} : { src }),
    ...(text === undefined ? {} : { text }),
    ...(mediaUrls.length === 0 ? {} : { mediaUrls }),
    ...(messageExpiry === undefined ? {} : { messageExpiry }),
    ...(statusUrl === undefined ? {} : { url: statusUrl, method: 'POST' as const }),
  };
  const recipients = splitRecipients(inputData.to);
  // An empty "To" still goes to core, which names the field in its error.
  return (recipients.length === 0 ? [''] : recipients).map((dst) => ({ ...shared, dst }));
}

/**
 * A 429 proves nothing was sent, and Zapier retries the whole step later (ThrottledError): the bulk sender is
 * stopped instead of waiting for the rate limit to pass inside Zapier's 30 s budget.
 */
function stopOnRateLimit(client: PlivoClient, controller: AbortController): BulkSendClient {
  return {
    clock: client.clock,
    async sendMessage(params, options) {
      try {
        return await client.sendMessage(params, options);
      } catch (error) {
        if (isTextbridgeError(error, 'RATE_LIMITED')) controller.abort();
        throw error;
      }
    },
  };
}

function recipientOutput(output: SendOutput): RecipientOutput {
  return {
    to: output.to,
    status: output.status,
    messageUuid: output.messageUuid,
    errorCode: output.error?.code ?? null,
    errorMessage: output.error ? `${output.error.message} ${output.error.hint}` : (output.skipMessage ?? null),
    ...(output.sendAfter === undefined ? {} : { sendAfter: output.sendAfter }),
  };
}

/** Core's message fields as this step's input keys, so errors name what the user filled in. */
const SEND_FIELD_NAMES = {
  src: 'from',
  dst: 'to',
  text: 'message',
  mediaUrls: 'media_urls',
  mediaIds: MEDIA_FILES_KEY,
  messageExpiry: 'message_expiry',
  url: 'status_callback_url',
  defaultCountry: 'default_country',
} as const;

/** The step's quiet-hours fields, read by core (which names them in its errors). */
function quietHoursFrom(inputData: Record<string, unknown>): BulkQuietHours | undefined {
  if (!flag(inputData.quiet_hours, false)) return undefined;
  const start = optionalText(inputData.quiet_start);
  const end = optionalText(inputData.quiet_end);
  const timeZone = optionalText(inputData.time_zone);
  return {
    ...(start === undefined ? {} : { start }),
    ...(end === undefined ? {} : { end }),
    ...(timeZone === undefined ? {} : { timeZone }),
    labels: { start: 'quiet_start', end: 'quiet_end', timeZone: 'time_zone' },
  };
}

/** One step sends to every "To" recipient: a recipient's error names the field and which recipient it was. */
function recipientLabels(index: number) {
  const names = labelSendFields(SEND_FIELD_NAMES, `recipient ${index + 1}`);
  return (path: string) => (path === '' ? names(path) : `${names(path)} (recipient ${index + 1})`);
}

export async function sendSms(z: ZObject, bundle: Bundle): Promise<SendSmsOutput> {
  let statusCallbackUrl: string | null = null;
  const sent = await withZapierErrors(z, bundle, async () => {
    const controller = new AbortController();
    const plivo = plivoClientFor(z, bundle);
    const client = stopOnRateLimit(plivo, controller);
    statusCallbackUrl = optionalText(bundle.inputData.status_callback_url) ?? (await subscribedStatusUrl(z, plivo));
    const messages = messagesFrom({ ...bundle.inputData, status_callback_url: statusCallbackUrl ?? undefined });
    // Files are checked (then uploaded) before anything is sent; every recipient gets the same media.
    const mediaIds = await uploadMediaFiles(z, plivo, bundle.inputData, messages[0]!);
    const defaultCountry = optionalText(bundle.inputData.default_country);
    const quietHours = quietHoursFrom(bundle.inputData);
    const optedOut = splitRecipients(bundle.inputData.opted_out);
    return sendBulk(client, mediaIds.length === 0 ? messages : messages.map((message) => ({ ...message, mediaIds })), {
      smartEncoding: flag(bundle.inputData.smart_encoding, true),
      ...(quietHours === undefined ? {} : { quietHours }),
      ...(optedOut.length === 0 ? {} : { optedOut }),
      ...(defaultCountry === undefined ? {} : { defaultCountry: defaultCountry.toUpperCase() }),
      fieldLabels: recipientLabels,
      signal: controller.signal,
    });
  });
  const outputs = sent.map(toSendOutput);
  const summary = summarizeSendOutputs(outputs);
  const queued = outputs.filter((output) => output.status === 'queued');
  const first = queued[0];
  if (first === undefined && summary.failedCount === 0) return { ...notSentOutput(outputs, summary), statusCallbackUrl };
  if (first === undefined) {
    // No message is known to be queued: the step fails with the reason, preferring "may have been sent" (DELIVERY_UNKNOWN)
    // so that nobody resends blindly.
    const reported = sent.filter(isSendFailure).find((result) => result.index === outputs.indexOf(summary.firstFailure!));
    throw toZapierError(z, bundle, reported?.error);
  }
  return {
    id: first.messageUuid ?? '',
    status: queued.length === outputs.length ? 'queued' : 'partially_queued',
    messageUuid: first.messageUuid ?? '',
    messageUuids: summary.messageUuids,
    to: outputs.map((output) => output.to),
    from: first.from,
    encoding: first.encoding,
    segmentCount: first.segmentCount,
    unitCount: first.unitCount,
    characterCount: first.characterCount,
    smartEncodingApplied: first.smartEncodingApplied,
    queuedCount: summary.queuedCount,
    failedCount: summary.failedCount,
    heldCount: summary.heldCount,
    skippedCount: summary.skippedCount,
    sendAfter: summary.sendAfter ?? null,
    recipients: outputs.map(recipientOutput),
    statusCallbackUrl,
  };
}

/** Nothing sent, and nothing went wrong: held for quiet hours (a Delay step waits for sendAfter) or opted out. */
function notSentOutput(outputs: SendOutput[], summary: ReturnType<typeof summarizeSendOutputs>): Omit<SendSmsOutput, 'statusCallbackUrl'> {
  return {
    id: '',
    status: summary.heldCount > 0 ? 'held' : 'skipped',
    messageUuid: '',
    messageUuids: [],
    to: outputs.map((output) => output.to),
    from: null,
    encoding: null,
    segmentCount: null,
    unitCount: null,
    characterCount: null,
    smartEncodingApplied: null,
    queuedCount: 0,
    failedCount: 0,
    heldCount: summary.heldCount,
    skippedCount: summary.skippedCount,
    sendAfter: summary.sendAfter ?? null,
    recipients: outputs.map(recipientOutput),
  };
}

export const sendSmsCreate = defineCreate({
  key: 'send_sms',
  noun: 'SMS',
  display: {
    label: 'Send SMS',
    description: 'Sends a text message (SMS, or MMS with media) from your Plivo number to one or several phone numbers.',
  },
  operation: {
    inputFields: [
      {
        key: 'from',
        label: 'From',
        required: true,
        dynamic: 'sender_number.id.label',
        helpText:
          'Pick one of your Plivo numbers, or enter a custom value: another number you own with its country code (e.g. +14155552671) or a sender name of up to 11 letters and digits (e.g. MyShop), where the destination country allows sender names.',
      },
      {
        key: 'to',
        label: 'To',
        required: true,
        list: true,
        helpText:
          'The phone number to text, with its country code (e.g. +14155550123). Add more lines to send the same message to several people; each one gets their own copy.',
      },
      {
        key: 'message',
        label: 'Message',
        type: 'text',
        required: true,
        helpText:
          'The text to send. Long messages are split into parts that arrive as one message; emoji and some accented letters make each part shorter (70 characters instead of 160).',
      },
      {
        key: 'smart_encoding',
        label: 'Smart Encoding',
        type: 'boolean',
        default: 'true',
        required: false,
        helpText:
          'Replaces look-alike characters (curly quotes, long dashes, special spaces) with plain ones so the message fits in fewer, cheaper parts. Turn it off to send the text exactly as written.',
      },
      {
        key: 'default_country',
        label: 'Default Country',
        required: false,
        helpText:
          'Two-letter country code (e.g. US, GB, IN) used to read phone numbers written without a country code, such as (415) 555-0123. Leave empty if your numbers always start with + and the country code.',
      },
      {
        key: 'media_urls',
        label: 'Media URLs (MMS)',
        list: true,
        required: false,
        helpText:
          'Links to images or other files to send as an MMS (up to 10, 5 MB in total). MMS can only be sent to the US and Canada.',
      },
      {
        key: MEDIA_FILES_KEY,
        label: 'Media Files (MMS)',
        type: 'file',
        list: true,
        required: false,
        helpText:
          'Files from earlier steps to send as an MMS: JPEG, PNG, GIF and other types Plivo accepts, up to 2 MB each, under 5 MB in total, at most 10 with the Media URLs. They are checked before anything is sent.',
      },
      {
        key: 'message_expiry',
        label: 'Expire After (seconds)',
        type: 'integer',
        required: false,
        helpText:
          'If the message cannot be delivered within this many seconds (5 to 10799), Plivo stops trying and you are not charged. Leave empty for Plivo’s default of 3 hours.',
      },
      {
        key: 'quiet_hours',
        label: 'Quiet Hours',
        type: 'boolean',
        default: 'false',
        required: false,
        helpText:
          "Don't text people outside a window of their local time (their time zone comes from the phone number, or from Time Zone). A held message is not sent: the step returns status **held** and **Send After** — add a **Delay Until** step on Send After, then send again.",
      },
      {
        key: 'quiet_start',
        label: 'Quiet Hours: Send From',
        required: false,
        default: '08:00',
        helpText: 'Local time (24-hour HH:MM) from which messages may be sent. Used when Quiet Hours is on.',
      },
      {
        key: 'quiet_end',
        label: 'Quiet Hours: Send Until',
        required: false,
        default: '21:00',
        helpText: 'Local time (24-hour HH:MM) after which messages are held until the next day. Earlier than Send From means the window crosses midnight.',
      },
      {
        key: 'time_zone',
        label: 'Recipient Time Zone',
        required: false,
        helpText:
          "The recipient's time zone (e.g. America/Chicago, Europe/Berlin), when you know it. Leave empty to tell it from the phone number.",
      },
      {
        key: 'opted_out',
        label: 'Opted-Out Numbers',
        list: true,
        required: false,
        helpText:
          'Numbers that asked not to be texted (e.g. replied STOP; Plivo reports error 200 for them). They are skipped, never sent to.',
      },
      {
        key: 'status_callback_url',
        label: 'Status Callback URL',
        required: false,
        helpText:
          'Optional web address Plivo notifies each time the message’s delivery status changes. Leave empty to report to your newest Zap with the **Delivery Status (Instant)** trigger, if one is on (none: no report).',
      },
    ],
    perform: sendSms,
    sample: {
      id: '2b3f8f4e-1c2d-11ef-9a1c-0242ac110002',
      status: 'queued',
      messageUuid: '2b3f8f4e-1c2d-11ef-9a1c-0242ac110002',
      messageUuids: ['2b3f8f4e-1c2d-11ef-9a1c-0242ac110002'],
      to: ['+14155550123'],
      from: '+14155552671',
      encoding: 'GSM-7',
      segmentCount: 1,
      unitCount: 1,
      characterCount: 42,
      smartEncodingApplied: false,
      queuedCount: 1,
      failedCount: 0,
      heldCount: 0,
      skippedCount: 0,
      sendAfter: null,
      statusCallbackUrl: null,
      recipients: [
        {
          to: '+14155550123',
          status: 'queued',
          messageUuid: '2b3f8f4e-1c2d-11ef-9a1c-0242ac110002',
          errorCode: null,
          errorMessage: null,
        },
      ],
    },
    outputFields: [
      { key: 'id', label: 'ID' },
      { key: 'status', label: 'Status (queued, partially_queued, held or skipped)' },
      { key: 'sendAfter', label: 'Send After (held by quiet hours)', type: 'datetime' },
      { key: 'messageUuid', label: 'Message UUID (first recipient)' },
      { key: 'messageUuids[]', label: 'Message UUIDs' },
      { key: 'to[]', label: 'To (normalised numbers)' },
      { key: 'from', label: 'From' },
      { key: 'encoding', label: 'Encoding (GSM-7 or UCS-2)' },
      { key: 'segmentCount', label: 'Parts per Message', type: 'integer' },
      { key: 'unitCount', label: 'Encoded Length (GSM-7 or UCS-2 units)', type: 'integer' },
      { key: 'characterCount', label: 'Characters', type: 'integer' },
      { key: 'smartEncodingApplied', label: 'Smart Encoding Applied', type: 'boolean' },
      { key: 'queuedCount', label: 'Recipients Queued', type: 'integer' },
      { key: 'failedCount', label: 'Recipients Failed', type: 'integer' },
      { key: 'heldCount', label: 'Recipients Held (quiet hours)', type: 'integer' },
      { key: 'skippedCount', label: 'Recipients Skipped (opted out)', type: 'integer' },
      { key: 'recipients[]to', label: 'Recipient: To' },
      { key: 'recipients[]status', label: 'Recipient: Status' },
      { key: 'recipients[]messageUuid', label: 'Recipient: Message UUID' },
      { key: 'recipients[]errorCode', label: 'Recipient: Error Code' },
      { key: 'recipients[]errorMessage', label: 'Recipient: Error' },
      { key: 'recipients[]sendAfter', label: 'Recipient: Send After' },
      { key: 'statusCallbackUrl', label: 'Status Callback URL (where delivery is reported)' },
    ],
  },
});
