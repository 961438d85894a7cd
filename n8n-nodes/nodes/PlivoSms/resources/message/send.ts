// Message > Send: every input item becomes one or more messages (one per destination); all of them go through
// core's bulk sender in one run, so identical texts share a Plivo request and the request rate stays within
// Plivo's limits. One output item per input item, paired to it.
import { credentialSecrets } from '@textbridge/core/errors';
import { splitRecipients, splitUrls, summarizeSendOutputs, toSendOutput, type SendOutput } from '@textbridge/core/integration';
import {
  createSendRequestParser,
  labelSendFields,
  withDestinations,
  type PlivoClient,
  type SendMessageRequest,
  type SendRequestParser,
} from '@textbridge/core/plivo';
import { createRateLimiter, isSendFailure, sendBulk, type BulkQuietHours } from '@textbridge/core/send';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { getPlivoCredentials, plivoClientFor } from '../../../shared/client.js';
import { toNodeError } from '../../../shared/errors.js';
import { errorItem } from '../../../shared/items.js';
import { mediaFromBinaryOption, mediaIdsFromBinary } from './media.js';
import { statusCallbacksForRun, type StatusCallbackOf, type StatusOptions } from './statusTrigger.js';

const showOnlyForSend = { resource: ['message'], operation: ['send'] };

export const messageSendDescription: INodeProperties[] = [
  {
    displayName: 'Sender Type',
    name: 'senderType',
    type: 'options',
    displayOptions: { show: showOnlyForSend },
    options: [
      { name: 'Number or Sender ID', value: 'src', description: 'One of your Plivo numbers, a short code, or an alphanumeric sender ID' },
      { name: 'Powerpack', value: 'powerpack', description: 'A Plivo Powerpack picks the sending number from its pool' },
    ],
    default: 'src',
  },
  {
    displayName: 'From',
    name: 'from',
    type: 'resourceLocator',
    default: { mode: 'list', value: '' },
    required: true,
    displayOptions: { show: { ...showOnlyForSend, senderType: ['src'] } },
    description: 'The sender: an SMS-enabled number of your Plivo account, a short code, or an alphanumeric sender ID',
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
  {
    displayName: 'Powerpack UUID',
    name: 'powerpackUuid',
    type: 'string',
    default: '',
    required: true,
    displayOptions: { show: { ...showOnlyForSend, senderType: ['powerpack'] } },
    placeholder: 'e.g. 8a1f5a02-2d2b-4c79-8e6e-3d5a3b0c1a11',
    description: 'The UUID of the Powerpack to send from (Plivo console > Messaging > Powerpacks)',
  },
  {
    displayName: 'To',
    name: 'to',
    type: 'string',
    default: '',
    required: true,
    displayOptions: { show: showOnlyForSend },
    placeholder: 'e.g. +14155550100, +14155550101',
    description: 'One or several phone numbers, separated by commas or one per line',
  },
  {
    displayName: 'Message Type',
    name: 'messageType',
    type: 'options',
    displayOptions: { show: showOnlyForSend },
    options: [
      { name: 'SMS', value: 'sms' },
      { name: 'MMS', value: 'mms', description: 'Text with pictures or files (US and Canada only)' },
    ],
    default: 'sms',
  },
  {
    displayName: 'Text',
    name: 'text',
    type: 'string',
    typeOptions: { rows: 4 },
    default: '',
    displayOptions: { show: showOnlyForSend },
    description: 'The message text (required for SMS, optional for MMS)',
  },
  {
    displayName: 'Media URLs',
    name: 'mediaUrls',
    type: 'string',
    typeOptions: { rows: 2 },
    default: '',
    displayOptions: { show: { ...showOnlyForSend, messageType: ['mms'] } },
    placeholder: 'e.g. https://example.com/picture.jpg',
    description: 'Up to 10 public URLs of the files to attach, separated by commas or one per line',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    displayOptions: { show: showOnlyForSend },
    options: [
      {
        displayName: 'Batch Size',
        name: 'batchSize',
        type: 'number',
        typeOptions: { minValue: 1, maxValue: 1000 },
        default: 1000,
        description:
          'Most destinations that share one Plivo request when items have the same text and sender. A setting of the whole run: taken from the first item (every other option applies per item).',
      },
      {
        displayName: 'Default Country',
        name: 'defaultCountry',
        type: 'string',
        default: '',
        placeholder: 'e.g. US',
        description: 'Two-letter country code used to read numbers written without a country code, such as (415) 555-0100',
      },
      {
        displayName: 'Do Not Log Content',
        name: 'logOff',
        type: 'boolean',
        default: false,
        description: 'Whether to ask Plivo not to keep the text and numbers in its logs',
      },
      {
        displayName: 'Max Requests per Second',
        name: 'maxRequestsPerSecond',
        type: 'number',
        typeOptions: { minValue: 0.1, numberPrecision: 1 },
        default: 50,
        description:
          'Highest rate of requests to Plivo; 50 keeps within Plivo\'s default limits. A setting of the whole run: taken from the first item.',
      },
      mediaFromBinaryOption,
      {
        displayName: 'Message Expiry (Seconds)',
        name: 'messageExpiry',
        type: 'number',
        typeOptions: { minValue: 5, maxValue: 10799 },
        default: 10799,
        description: 'Drop the message if it could not be delivered within this time (5 to 10,799 seconds)',
      },
      {
        displayName: 'Opted-Out Numbers',
        name: 'optedOut',
        type: 'string',
        typeOptions: { rows: 2 },
        default: '',
        placeholder: 'e.g. +14155550100, +14155550101',
        description:
          'Numbers never to text (they replied STOP, or Plivo reported error 200), comma- or line-separated: status "skipped". Taken from the first item.',
      },
      {
        displayName: 'Quiet Hours',
        name: 'quietHours',
        type: 'fixedCollection',
        default: {},
        placeholder: 'Add Quiet Hours',
        description:
          'Hold messages outside a window of the recipient\'s local time: not sent, status "held" and sendAfter, the time a Wait node (At Specified Time) resumes at',
        options: [
          {
            displayName: 'Window',
            name: 'window',
            values: [
              {
                displayName: 'Enabled',
                name: 'enabled',
                type: 'boolean',
                default: true,
                description: 'Whether quiet hours apply to this item',
              },
              {
                displayName: 'Send From',
                name: 'start',
                type: 'string',
                default: '08:00',
                description: 'Local time, HH:MM',
              },
              {
                displayName: 'Send Until',
                name: 'end',
                type: 'string',
                default: '21:00',
                description: 'Local time, HH:MM (before Send From: the window crosses midnight)',
              },
              {
                displayName: 'Time Zone',
                name: 'timeZone',
                type: 'string',
                default: '',
                placeholder: 'e.g. America/Chicago',
                description: "The recipient's zone; empty: told from the number",
              },
            ],
          },
        ],
      },
      {
        displayName: 'Report Delivery To',
        name: 'reportDeliveryTo',
        type: 'resourceLocator',
        default: { mode: 'list', value: '' },
        description: 'An active Plivo SMS Trigger (Delivery Status) to start on each delivery report',
        modes: [
          { displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchStatusTriggers', searchable: true } },
          { displayName: 'ID', name: 'id', type: 'string' },
        ],
      },
      {
        displayName: 'Smart Encoding',
        name: 'smartEncoding',
        type: 'options',
        options: [
          { name: 'Off', value: 'off', description: 'Send the text exactly as written' },
          {
            name: 'When It Saves Parts',
            value: 'auto',
            description: 'Replace look-alike characters (curly quotes, dashes…) when that makes the message cheaper',
          },
          { name: 'Always', value: 'always', description: 'Always replace look-alike characters' },
        ],
        default: 'off',
      },
      {
        displayName: 'Status Callback Method',
        name: 'statusCallbackMethod',
        type: 'options',
        options: [
          { name: 'POST', value: 'POST' },
          { name: 'GET', value: 'GET' },
        ],
        default: 'POST',
        description: 'HTTP method Plivo uses to call the status callback URL (a Plivo SMS Trigger expects POST)',
      },
      {
        displayName: 'Status Callback URL',
        name: 'statusCallbackUrl',
        type: 'string',
        default: '',
        placeholder: 'e.g. https://n8n.example.com/webhook/…/plivo-status',
        description: 'Where Plivo reports delivery status (for a Plivo SMS Trigger, use Report Delivery To)',
      },
      {
        displayName: 'Trackable',
        name: 'trackable',
        type: 'boolean',
        default: false,
        description: 'Whether Plivo should track clicks on links in the message (Plivo\'s conversion tracking)',
      },
    ],
  },
];

interface SendOptions extends StatusOptions {
  batchSize?: number;
  defaultCountry?: string;
  logOff?: boolean;
  maxRequestsPerSecond?: number;
  mediaFromBinary?: string;
  messageExpiry?: number;
  optedOut?: string;
  quietHours?: { window?: { enabled?: boolean; start?: string; end?: string; timeZone?: string } };
  smartEncoding?: 'off' | 'auto' | 'always';
  trackable?: boolean;
}

type SmartEncodingMode = NonNullable<SendOptions['smartEncoding']>;

const SMART_ENCODING: Record<SmartEncodingMode, boolean | 'always'> = { off: false, auto: true, always: 'always' };

/** Core's message fields as this node's parameters, so errors name what the user filled in. */
const SEND_FIELD_LABELS = labelSendFields({
  src: 'from',
  dst: 'to',
  type: 'messageType',
  url: 'options.statusCallbackUrl',
  method: 'options.statusCallbackMethod',
  log: 'options.logOff',
  trackable: 'options.trackable',
  messageExpiry: 'options.messageExpiry',
  defaultCountry: 'options.defaultCountry',
});

interface ItemPlan {
  itemIndex: number;
  /** One parsed request per destination of the item. */
  messages: SendMessageRequest[];
  quietHours: BulkQuietHours | undefined;
}

const QUIET_HOURS_LABELS = {
  start: 'options.quietHours.start',
  end: 'options.quietHours.end',
  timeZone: 'options.quietHours.timeZone',
};

/** The item's quiet-hours option as core reads it (core checks the values and names these fields). */
function quietHoursOf(options: SendOptions): BulkQuietHours | undefined {
  const window = options.quietHours?.window;
  if (!window || window.enabled === false) return undefined;
  const timeZone = window.timeZone?.trim();
  return {
    ...(window.start === undefined ? {} : { start: window.start }),
    ...(window.end === undefined ? {} : { end: window.end }),
    ...(timeZone ? { timeZone } : {}),
    labels: QUIET_HOURS_LABELS,
  };
}

/** One parser per default country and smart-encoding mode in a run: repeated senders and texts are checked once. */
type ParserFor = (defaultCountry: string | undefined, smartEncoding: SmartEncodingMode) => SendRequestParser;

function parsersForRun(): ParserFor {
  const parsers = new Map<string, SendRequestParser>();
  return (defaultCountry, smartEncoding) => {
    const key = `${defaultCountry ?? ''}|${smartEncoding}`;
    let parser = parsers.get(key);
    if (parser === undefined) {
      parser = createSendRequestParser({ defaultCountry, smartEncoding: SMART_ENCODING[smartEncoding] });
      parsers.set(key, parser);
    }
    return parser;
  };
}

/**
 * Reads one item's fields — options included, since expressions may differ per item — uploads its binary files when
 * asked (core checks them first), and parses it in core.
 */
async function planItem(
  context: IExecuteFunctions,
  item: INodeExecutionData,
  itemIndex: number,
  parserFor: ParserFor,
  client: () => Promise<PlivoClient>,
  statusCallbackOf: StatusCallbackOf,
): Promise<ItemPlan> {
  const options = context.getNodeParameter('options', itemIndex, {}) as SendOptions;
  const type = context.getNodeParameter('messageType', itemIndex, 'sms') as 'sms' | 'mms';
  const text = context.getNodeParameter('text', itemIndex, '') as string;
  const to = splitRecipients(context.getNodeParameter('to', itemIndex, ''));
  const input: Record<string, unknown> = {
    // An empty list still goes to core, which names "to" in its error.
    dst: to.length === 1 ? to[0] : to.length === 0 ? '' : to,
    type,
  };
  if (context.getNodeParameter('senderType', itemIndex, 'src') === 'powerpack') {
    input.powerpackUuid = context.getNodeParameter('powerpackUuid', itemIndex, '');
  } else {
    input.src = context.getNodeParameter('from', itemIndex, '', { extractValue: true });
  }
  if (!(type === 'mms' && text === '')) input.text = text;
  if (type === 'mms') input.mediaUrls = splitUrls(context.getNodeParameter('mediaUrls', itemIndex, ''));
  const statusCallback = statusCallbackOf(options);
  if (statusCallback) {
    input.url = statusCallback.url;
    input.method = statusCallback.method;
  }
  if (options.logOff) input.log = false;
  if (options.trackable) input.trackable = true;
  if (options.messageExpiry !== undefined) input.messageExpiry = options.messageExpiry;
  const mediaIds = type === 'mms' ? await mediaIdsFromBinary(context, item, itemIndex, options.mediaFromBinary, input, client) : [];
  if (mediaIds.length > 0) input.mediaIds = mediaIds;

  const parse = parserFor(options.defaultCountry?.trim() || undefined, options.smartEncoding ?? 'off');
  const request = parse(input, SEND_FIELD_LABELS);
  return { itemIndex, messages: request.dst.map((dst) => withDestinations(request, [dst])), quietHours: quietHoursOf(options) };
}

/** One item's json: the flat output of its only message, or of the first one plus every recipient's outcome. */
function itemJson(outputs: SendOutput[]): IDataObject {
  const [first] = outputs;
  if (outputs.length === 1 && first) return { ...first };
  const summary = summarizeSendOutputs(outputs);
  return {
    ...first,
    status: summary.status,
    messageUuid: first?.messageUuid ?? null,
    messageUuids: summary.messageUuids,
    ...(summary.sendAfter === undefined ? {} : { sendAfter: summary.sendAfter }),
    to: outputs.map((output) => output.to),
    recipients: outputs.map((output) => ({ ...output })),
    error: summary.firstFailure?.error ?? null,
  } as IDataObject;
}

function signalOf(context: IExecuteFunctions): { signal?: AbortSignal } {
  const signal = context.getExecutionCancelSignal();
  return signal ? { signal } : {};
}

export async function executeSend(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
  const continueOnFail = this.continueOnFail();
  const { authId, authToken } = await getPlivoCredentials(this);
  const secrets = credentialSecrets(authId, authToken);
  const output: INodeExecutionData[] = new Array(items.length);
  const plans: ItemPlan[] = [];
  const parserFor = parsersForRun();
  let clientPromise: Promise<PlivoClient> | undefined;
  const client = () => (clientPromise ??= plivoClientFor(this));
  const statusCallbackOf = await statusCallbacksForRun(
    // An item whose options cannot be read is reported by planItem, which reads them again.
    items.map((_, itemIndex) => {
      try {
        return this.getNodeParameter('options', itemIndex, {}) as SendOptions;
      } catch {
        return {};
      }
    }),
    client,
  );

  // Every item is read before anything is sent: without "continue on fail", one bad item sends nothing.
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      plans.push(await planItem(this, items[itemIndex]!, itemIndex, parserFor, client, statusCallbackOf));
    } catch (error) {
      if (!continueOnFail) throw toNodeError(this.getNode(), error, itemIndex, secrets);
      output[itemIndex] = errorItem(error, itemIndex, secrets, { status: 'failed' });
    }
  }

  if (plans.length > 0) {
    const plivo = await client();
    // Batch size and rate shape the run as a whole (the description says so); every other option was read per item.
    const runOptions = this.getNodeParameter('options', plans[0]!.itemIndex, {}) as SendOptions;
    const owners = plans.flatMap((plan) => plan.messages.map(() => plan.itemIndex));
    const quietHours = plans.flatMap((plan) => plan.messages.map(() => plan.quietHours));
    const optedOut = splitRecipients(runOptions.optedOut ?? '');
    const results = await sendBulk(plivo, plans.flatMap((plan) => plan.messages), {
      rateLimiter: createRateLimiter({ maxRequestsPerSecond: runOptions.maxRequestsPerSecond ?? 50, clock: plivo.clock }),
      ...(runOptions.batchSize === undefined ? {} : { batchSize: runOptions.batchSize }),
      ...(quietHours.some((quiet) => quiet !== undefined) ? { quietHours: (index: number) => quietHours[index] } : {}),
      ...(optedOut.length === 0 ? {} : { optedOut, defaultCountry: runOptions.defaultCountry?.trim() || undefined }),
      // A failure after sending (cancelled, outcome unknown) names the item, as the user counts them.
      fieldLabels: (index) => labelSendFields({ dst: 'to' }, `item ${owners[index]}`),
      ...signalOf(this),
    });
    let next = 0;
    for (const plan of plans) {
      const planResults = results.slice(next, next + plan.messages.length);
      next += plan.messages.length;
      // Held (quiet hours) and skipped (opted out) recipients are outcomes, not errors: they go to the main output.
      const failure = planResults.find(isSendFailure);
      if (failure && !continueOnFail) {
        throw toNodeError(this.getNode(), failure.error, plan.itemIndex, secrets);
      }
      const json = itemJson(planResults.map(toSendOutput));
      // An item with a recipient Plivo refused is a failed item; its details still list every recipient's result.
      output[plan.itemIndex] =
        failure ? errorItem(failure.error, plan.itemIndex, secrets, json) : { json, pairedItem: { item: plan.itemIndex } };
    }
  }
  return output;
}
