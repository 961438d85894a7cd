import { credentialSecrets } from '@textbridge/core/errors';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { getPlivoCredentials, plivoClientFor } from '../shared/client.js';
import { runPerItem } from '../shared/items.js';
import { searchSmsNumbers } from './listSearch/searchSmsNumbers.js';
import { searchStatusTriggers } from './listSearch/searchStatusTriggers.js';
import { messageDescription } from './resources/message/index.js';
import { getMessage } from './resources/message/get.js';
import { getManyMessages } from './resources/message/getAll.js';
import { executeSend } from './resources/message/send.js';
import { summarizeMessages } from './resources/message/summarize.js';
import { checkWiring } from './resources/number/checkWiring.js';
import { lookUpNumber, numberDescription } from './resources/number/index.js';
import { analyzeText, textDescription } from './resources/text/index.js';
import { checkVerificationCode } from './resources/verification/checkCode.js';
import { getVerificationSession } from './resources/verification/get.js';
import { getManyVerificationSessions } from './resources/verification/getAll.js';
import { verificationDescription } from './resources/verification/index.js';
import { sendVerificationCode } from './resources/verification/sendCode.js';

export class PlivoSms implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Plivo SMS',
    name: 'plivoSms',
    icon: { light: 'file:../../icons/plivo.svg', dark: 'file:../../icons/plivo.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: 'Send SMS and MMS with Plivo, verify phone numbers with one-time codes, look up numbers, and check how a text will be encoded',
    defaults: { name: 'Plivo SMS' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [
      {
        name: 'plivoSmsApi',
        required: true,
        // Analyzing a text is local: no Plivo account needed.
        displayOptions: { hide: { resource: ['text'] } },
      },
    ],
    properties: [
      {
        displayName: 'Resource',
        name: 'resource',
        type: 'options',
        noDataExpression: true,
        options: [
          { name: 'Message', value: 'message' },
          { name: 'Number', value: 'number' },
          { name: 'Text', value: 'text' },
          { name: 'Verification', value: 'verification' },
        ],
        default: 'message',
      },
      ...messageDescription,
      ...numberDescription,
      ...textDescription,
      ...verificationDescription,
    ],
  };

  methods = {
    listSearch: { searchSmsNumbers, searchStatusTriggers },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const resource = this.getNodeParameter('resource', 0) as string;
    const operation = this.getNodeParameter('operation', 0) as string;

    if (resource === 'text' && operation === 'analyze') {
      return [await runPerItem(this, items, [], async (itemIndex) => analyzeText.call(this, itemIndex))];
    }
    if (resource === 'message' && operation === 'send') return [await executeSend.call(this, items)];

    const { authId, authToken } = await getPlivoCredentials(this);
    const client = await plivoClientFor(this);
    const secrets = credentialSecrets(authId, authToken);
    if (resource === 'message' && operation === 'get') {
      return [await runPerItem(this, items, secrets, (itemIndex) => getMessage.call(this, client, itemIndex))];
    }
    if (resource === 'message' && operation === 'getAll') {
      return [await runPerItem(this, items, secrets, (itemIndex) => getManyMessages.call(this, client, itemIndex))];
    }
    if (resource === 'message' && operation === 'summarize') {
      return [await runPerItem(this, items, secrets, (itemIndex) => summarizeMessages.call(this, client, itemIndex))];
    }
    if (resource === 'number' && operation === 'lookUp') {
      return [await runPerItem(this, items, secrets, (itemIndex) => lookUpNumber.call(this, client, itemIndex))];
    }
    const verification: Record<string, (itemIndex: number) => Promise<IDataObject | IDataObject[]>> = {
      sendCode: (itemIndex) => sendVerificationCode.call(this, client, itemIndex),
      checkCode: (itemIndex) => checkVerificationCode.call(this, client, itemIndex),
      get: (itemIndex) => getVerificationSession.call(this, client, itemIndex),
      getAll: (itemIndex) => getManyVerificationSessions.call(this, client, itemIndex),
    };
    const runVerification = resource === 'verification' ? verification[operation] : undefined;
    if (runVerification) return [await runPerItem(this, items, secrets, runVerification)];
    if (resource === 'number' && operation === 'checkWiring') {
      return [await runPerItem(this, items, secrets, (itemIndex) => checkWiring.call(this, client, itemIndex))];
    }
    throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported.`);
  }
}
