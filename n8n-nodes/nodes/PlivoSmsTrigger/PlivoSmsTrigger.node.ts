import { NodeConnectionTypes } from 'n8n-workflow';
import type { IHookFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { getSmsNumbers } from './methods/getSmsNumbers.js';
import { receive } from './methods/receive.js';
import { inboundWebhookExists, registerWebhook, unregisterWebhook } from './methods/webhookLifecycle.js';
import { messageStateOptions } from '../shared/descriptions.js';

export class PlivoSmsTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Plivo SMS Trigger',
    name: 'plivoSmsTrigger',
    icon: { light: 'file:../../icons/plivo.svg', dark: 'file:../../icons/plivo.dark.svg' },
    group: ['trigger'],
    // Version 2 behaves as 1 for the user. n8n itself treats them differently: for a version 1 webhook node it
    // evaluates an expression (`$parameter.options.binaryData`, a field we never had) in its sandbox on every
    // request before calling us; from version 2 on it does not. New triggers get 2; saved ones keep 1 and work the same.
    version: [1, 2],
    defaultVersion: 2,
    subtitle: '={{$parameter["event"] === "inbound" ? "Inbound SMS" : "Delivery Status"}}',
    description: 'Starts the workflow when one of your Plivo numbers receives an SMS, or when Plivo reports delivery',
    defaults: { name: 'Plivo SMS Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'plivoSmsApi', required: true }],
    webhooks: [
      {
        name: 'default',
        httpMethod: 'POST',
        responseMode: 'onReceived',
        path: 'plivo-sms',
      },
    ],
    properties: [
      {
        displayName: 'Event',
        name: 'event',
        type: 'options',
        noDataExpression: true,
        options: [
          {
            name: 'Inbound SMS',
            value: 'inbound',
            description: 'A message arrives on one of your Plivo numbers',
          },
          {
            name: 'Delivery Status',
            value: 'status',
            description: 'Plivo reports the delivery state of a message you sent',
          },
        ],
        default: 'inbound',
      },
      {
        displayName: 'Numbers Names or IDs',
        name: 'numbers',
        type: 'multiOptions',
        typeOptions: { loadOptionsMethod: 'getSmsNumbers' },
        default: [],
        required: true,
        displayOptions: { show: { event: ['inbound'] } },
        description:
          'Your Plivo numbers that should start this workflow. While the workflow is active, they are attached to a Plivo application pointing here; their previous application is restored when it is deactivated. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
      },
      {
        displayName: 'While active, Plivo SMS > Send can report delivery here: choose this workflow in its "Report Delivery To" option',
        name: 'statusNotice',
        type: 'notice',
        default: '',
        displayOptions: { show: { event: ['status'] } },
      },
      {
        displayName: 'Verify Signature',
        name: 'verifySignature',
        type: 'boolean',
        default: true,
        description:
          'Whether to reject requests not signed by Plivo with your Auth Token. Turn off only for local tests: anyone who knows the URL could then start the workflow.',
      },
      {
        displayName: 'Require V3 Signatures',
        name: 'requireV3',
        type: 'boolean',
        default: false,
        displayOptions: { show: { verifySignature: [true] } },
        description:
          'Whether to reject requests signed only with V2. A V2 signature does not cover the message, so a captured request stripped of its V3 signature could carry other text. Turn on if your Plivo account\'s callbacks carry X-Plivo-Signature-V3.',
      },
      {
        displayName: 'Options',
        name: 'options',
        type: 'collection',
        placeholder: 'Add Option',
        default: {},
        options: [
          {
            displayName: 'Only Intents',
            name: 'intents',
            type: 'multiOptions',
            displayOptions: { show: { '/event': ['inbound'] } },
            options: [
              { name: 'Help (HELP, INFO)', value: 'help' },
              { name: 'Opt-in (START, UNSTOP)', value: 'optin' },
              { name: 'Opt-Out (STOP, UNSUBSCRIBE)', value: 'optout' },
              { name: 'Other Messages', value: 'none' },
            ],
            default: [],
            description: 'Start only for messages with these meanings; none chosen starts for all',
          },
          {
            displayName: 'Only Keywords',
            name: 'keywords',
            type: 'string',
            displayOptions: { show: { '/event': ['inbound'] } },
            default: '',
            placeholder: 'e.g. YES, JOIN',
            description:
              'Start only for messages whose first word (or whole text) is one of these, ignoring case; separate with commas',
          },
          {
            displayName: 'Only Statuses',
            name: 'statuses',
            type: 'multiOptions',
            displayOptions: { show: { '/event': ['status'] } },
            options: messageStateOptions('outbound'),
            default: [],
            description: 'Start only for these delivery states; none chosen starts for all',
          },
        ],
      },
    ],
  };

  methods = {
    loadOptions: { getSmsNumbers },
  };

  webhookMethods = {
    default: {
      async checkExists(this: IHookFunctions): Promise<boolean> {
        return await inboundWebhookExists.call(this);
      },
      async create(this: IHookFunctions): Promise<boolean> {
        return await registerWebhook.call(this);
      },
      async delete(this: IHookFunctions): Promise<boolean> {
        return await unregisterWebhook.call(this);
      },
    },
  };

  webhook = receive;
}
