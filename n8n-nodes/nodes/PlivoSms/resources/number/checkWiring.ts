// Number > Check Wiring: where each Plivo number sends its inbound SMS (number -> application -> message_url), and
// whether that is the expected webhook URL. n8n does not re-run a trigger's registration for workflows that are
// already active when it starts, and a number can be re-pointed in the Plivo console at any time: this is the check.
import { checkNumberWiring } from '@textbridge/core/integration';
import type { PlivoClient } from '@textbridge/core/plivo';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

const showOnlyForCheckWiring = { resource: ['number'], operation: ['checkWiring'] };

export const checkWiringDescription: INodeProperties[] = [
  {
    displayName: 'Numbers',
    name: 'wiringNumbers',
    type: 'string',
    default: '',
    displayOptions: { show: showOnlyForCheckWiring },
    placeholder: 'e.g. +14155550100, +447520123456',
    description: 'Your Plivo numbers to check, separated by commas. Leave empty to check every number on the account.',
  },
  {
    displayName: 'Expected Webhook URL',
    name: 'expectedUrl',
    type: 'string',
    default: '',
    displayOptions: { show: showOnlyForCheckWiring },
    placeholder: 'e.g. https://n8n.example.com/webhook/…/plivo-sms',
    description:
      'The URL the numbers should send their inbound SMS to, e.g. the Production URL of a Plivo SMS Trigger. Each number then says whether it matches. To repair a wrong one, deactivate and activate that workflow, or run `textbridge wiring --number … --expect … --repair`.',
  },
];

export async function checkWiring(this: IExecuteFunctions, client: PlivoClient, itemIndex: number): Promise<IDataObject[]> {
  const numbers = String(this.getNodeParameter('wiringNumbers', itemIndex, '') ?? '')
    .split(/[,;\n]+/)
    .map((number) => number.trim())
    .filter((number) => number !== '');
  const expectedUrl = String(this.getNodeParameter('expectedUrl', itemIndex, '') ?? '').trim();
  const wirings = await checkNumberWiring(client, {
    ...(numbers.length > 0 ? { numbers } : {}),
    ...(expectedUrl !== '' ? { expectedUrl } : {}),
  });
  return wirings.map((wiring) => ({ ...wiring, expectedUrl: expectedUrl || null }));
}
