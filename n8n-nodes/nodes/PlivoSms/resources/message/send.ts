// Message > Send: every input item becomes one or more messages (one per destination); all of them go through
// core's bulk sender in one run, so identical texts share a Plivo request and the request rate stays within
// Plivo's limits. One output item per input item, paired to it.
import { credentialSecrets } from '@textbridge/core/errors';
import { relabelSendError, toSendOutput, type SendFieldLabels, type SendOutput } from '@textbridge/core/integration';
import { normalizePhoneNumber, validateSender } from '@textbridge/core/phone';
import type { PlivoClient } from '@textbridge/core/plivo';
import { createRateLimiter, sendBulk, type BulkSendResult, type SendRequest } from '@textbridge/core/send';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { getPlivoCredentials, plivoClientFor } from '../../../shared/client.js';
import { toNodeError } from '../../../shared/errors.js';
import { errorItem } from '../../../shared/items.js';
import { splitList } from '../../../shared/lists.js';

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
    required: true,
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
      {
        displayName: 'Message Expiry (Seconds)',
        name: 'messageExpiry',
        type: 'number',
        typeOptions: { minValue: 5, maxValue: 10799 },
        default: 10799,
        description: 'Drop the message if it could not be delivered within this time (5 to 10,799 seconds)',
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
        description:
          'Where Plivo reports delivery status. To start a workflow on each report, paste the URL shown by a Plivo SMS Trigger set to "Delivery Status".',
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

interface SendOptions {
  batchSize?: number;
  defaultCountry?: string;
  logOff?: boolean;
  maxRequestsPerSecond?: number;
  messageExpiry?: number;
  smartEncoding?: 'off' | 'auto' | 'always';
  statusCallbackMethod?: 'GET' | 'POST';
  statusCallbackUrl?: string;
  trackable?: boolean;
}

type SmartEncodingMode = NonNullable<SendOptions['smartEncoding']>;

interface ItemPlan {
  itemIndex: number;
  smartEncoding: SmartEncodingMode;
  messages: SendRequest[];
  text: string | undefined;
}

const SMART_ENCODING: Record<SmartEncodingMode, boolean | 'always'> = { off: false, auto: true, always: 'always' };

/** Reads one item's fields into the messages to send (one per destination); throws core's input errors. */
function planItem(context: IExecuteFunctions, itemIndex: number): ItemPlan {
  const options = context.getNodeParameter('options', itemIndex, {}) as SendOptions;
  const defaultCountry = options.defaultCountry?.trim() || undefined;
  const senderType = context.getNodeParameter('senderType', itemIndex, 'src') as string;
  const type = context.getNodeParameter('messageType', itemIndex, 'sms') as 'sms' | 'mms';
  const rawText = context.getNodeParameter('text', itemIndex, '') as string;
  const text = type === 'mms' && rawText === '' ? undefined : rawText;

  const sender: Pick<SendRequest, 'src' | 'powerpackUuid'> =
    senderType === 'powerpack'
      ? { powerpackUuid: String(context.getNodeParameter('powerpackUuid', itemIndex, '')).trim() }
      : { src: validateSender(context.getNodeParameter('from', itemIndex, '', { extractValue: true }), 'from').value };

  const destinations = splitList(context.getNodeParameter('to', itemIndex, '')).map((entry, index, all) =>
    normalizePhoneNumber(entry, defaultCountry, all.length === 1 ? 'to' : `to[${index}]`),
  );
  if (destinations.length === 0) normalizePhoneNumber('', defaultCountry, 'to');

  const shared: Omit<SendRequest, 'dst'> = { ...sender, type };
  if (text !== undefined) shared.text = text;
  if (type === 'mms') shared.mediaUrls = splitList(context.getNodeParameter('mediaUrls', itemIndex, ''));
  const callbackUrl = options.statusCallbackUrl?.trim();
  if (callbackUrl) {
    shared.url = callbackUrl;
    shared.method = options.statusCallbackMethod ?? 'POST';
  }
  if (options.logOff) shared.log = false;
  if (options.trackable) shared.trackable = true;
  if (options.messageExpiry !== undefined) shared.messageExpiry = options.messageExpiry;

  return {
    itemIndex,
    smartEncoding: options.smartEncoding ?? 'off',
    messages: destinations.map((dst) => ({ ...shared, dst })),
    text,
  };
}

/** Core's message fields as this node's parameters, so errors name what the user filled in. */
const SEND_FIELD_LABELS: SendFieldLabels = {
  src: 'from',
  powerpackUuid: 'powerpackUuid',
  dst: 'to',
  text: 'text',
  type: 'messageType',
  mediaUrls: 'mediaUrls',
  url: 'options.statusCallbackUrl',
  method: 'options.statusCallbackMethod',
  log: 'options.logOff',
  trackable: 'options.trackable',
  messageExpiry: 'options.messageExpiry',
};

function labelledForItem(plan: ItemPlan, results: BulkSendResult[]): BulkSendResult[] {
  return results.map((result) =>
    result.ok ? result : { ...result, error: relabelSendError(result.error, SEND_FIELD_LABELS, () => `item ${plan.itemIndex}`) },
  );
}

/** One item's json: the flat output of its only message, or of the first one plus every recipient's outcome. */
function itemJson(outputs: SendOutput[]): IDataObject {
  const [first] = outputs;
  if (outputs.length === 1 && first) return { ...first };
  const failed = outputs.find((output) => output.status !== 'queued');
  const status = outputs.some((output) => output.status === 'unknown') ? 'unknown' : failed ? 'failed' : 'queued';
  return {
    ...first,
    status,
    messageUuid: first?.messageUuid ?? null,
    messageUuids: outputs.flatMap((output) => output.messageUuids),
    to: outputs.map((output) => output.to),
    recipients: outputs.map((output) => ({ ...output })),
    error: failed?.error ?? null,
  } as IDataObject;
}

function signalOf(context: IExecuteFunctions): { signal?: AbortSignal } {
  const signal = context.getExecutionCancelSignal();
  return signal ? { signal } : {};
}

async function sendPlans(
  context: IExecuteFunctions,
  client: PlivoClient,
  plans: ItemPlan[],
  options: SendOptions,
): Promise<Map<ItemPlan, BulkSendResult[]>> {
  // Plans with different smart-encoding modes go in separate bulk runs sharing one rate limiter.
  const limiter = createRateLimiter({ maxRequestsPerSecond: options.maxRequestsPerSecond ?? 50, clock: client.clock });
  const byMode = new Map<SmartEncodingMode, ItemPlan[]>();
  for (const plan of plans) {
    const group = byMode.get(plan.smartEncoding);
    if (group) group.push(plan);
    else byMode.set(plan.smartEncoding, [plan]);
  }
  const results = new Map<ItemPlan, BulkSendResult[]>();
  for (const [mode, group] of byMode) {
    const messages = group.flatMap((plan) => plan.messages);
    const sent = await sendBulk(client, messages, {
      smartEncoding: SMART_ENCODING[mode],
      rateLimiter: limiter,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...signalOf(context),
    });
    let next = 0;
    for (const plan of group) {
      results.set(plan, sent.slice(next, next + plan.messages.length));
      next += plan.messages.length;
    }
  }
  return results;
}

export async function executeSend(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
  const continueOnFail = this.continueOnFail();
  const { authId, authToken } = await getPlivoCredentials(this);
  const secrets = credentialSecrets(authId, authToken);
  const output: INodeExecutionData[] = new Array(items.length);
  const plans: ItemPlan[] = [];

  // Every item is read before anything is sent: without "continue on fail", one bad item sends nothing.
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      plans.push(planItem(this, itemIndex));
    } catch (error) {
      if (!continueOnFail) throw toNodeError(this.getNode(), error, itemIndex, secrets);
      output[itemIndex] = errorItem(error, itemIndex, secrets, { status: 'failed' });
    }
  }

  if (plans.length > 0) {
    const client = await plivoClientFor(this);
    // Batch size and rate shape the run as a whole (the description says so); every other option was read per item.
    const runOptions = this.getNodeParameter('options', plans[0]!.itemIndex, {}) as SendOptions;
    const results = await sendPlans(this, client, plans, runOptions);
    for (const plan of plans) {
      const planResults = labelledForItem(plan, results.get(plan) ?? []);
      const failure = planResults.find((result) => !result.ok);
      if (failure && !failure.ok && !continueOnFail) {
        throw toNodeError(this.getNode(), failure.error, plan.itemIndex, secrets);
      }
      const json = itemJson(planResults.map(toSendOutput));
      // An item with a recipient Plivo refused is a failed item; its details still list every recipient's result.
      output[plan.itemIndex] =
        failure && !failure.ok ? errorItem(failure.error, plan.itemIndex, secrets, json) : { json, pairedItem: { item: plan.itemIndex } };
    }
  }
  return output;
}
