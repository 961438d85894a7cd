// Inbound SMS: the trigger's webhook URL becomes the message_url of a Plivo Application attached to the chosen
// numbers (core remembers and restores each number's previous application). Delivery status: core registers the URL
// as a status trigger (an application attached to no number) that Plivo SMS > Send lists under "Report Delivery To".
// Either registration lives in the node's static data.
import {
  isInboundWebhookRegistered,
  registerInboundWebhook,
  isStatusCallbackRegistered,
  registerStatusCallback,
  unregisterInboundWebhook,
  unregisterStatusCallback,
  type InboundWebhookRegistration,
  type StatusCallbackTarget,
} from '@textbridge/core/integration';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { plivoClientFor } from '../../shared/client.js';

interface TriggerStaticData extends IDataObject {
  registration?: InboundWebhookRegistration & IDataObject;
  statusTarget?: StatusCallbackTarget & IDataObject;
}

/** Send lists n8n's status triggers by this label: the workflow's name, "test-" first for the editor's test URL. */
export function statusTriggerLabel(context: IHookFunctions, url: string): string {
  const workflow = context.getWorkflow();
  return `n8n-${url.includes('/webhook-test/') ? 'test-' : ''}${workflow.name ?? workflow.id ?? 'workflow'}`;
}

async function statusTargetExists(context: IHookFunctions): Promise<boolean> {
  const { statusTarget } = staticData(context);
  if (!statusTarget || statusTarget.url !== context.getNodeWebhookUrl('default')) return false;
  return await isStatusCallbackRegistered(await plivoClientFor(context), statusTarget);
}

function staticData(context: IHookFunctions): TriggerStaticData {
  return context.getWorkflowStaticData('node') as TriggerStaticData;
}

function isInbound(context: IHookFunctions): boolean {
  return context.getNodeParameter('event') === 'inbound';
}

function chosenNumbers(context: IHookFunctions): string[] {
  const numbers = context.getNodeParameter('numbers', []) as string[] | string;
  return (Array.isArray(numbers) ? numbers : [numbers]).map(String);
}

function digits(number: string): string {
  return number.replace(/\D/g, '');
}

/** The stored registration still describes this URL and these numbers. */
function describesCurrentSetup(registration: InboundWebhookRegistration, url: string, numbers: string[]): boolean {
  const registered = new Set(registration.numbers.map(({ number }) => digits(number)));
  const wanted = new Set(numbers.map(digits));
  return registration.url === url && registered.size === wanted.size && [...wanted].every((number) => registered.has(number));
}

export async function inboundWebhookExists(this: IHookFunctions): Promise<boolean> {
  if (!isInbound(this)) return await statusTargetExists(this);
  const { registration } = staticData(this);
  if (!registration) return false;
  const url = this.getNodeWebhookUrl('default') ?? '';
  if (!describesCurrentSetup(registration, url, chosenNumbers(this))) return false;
  return await isInboundWebhookRegistered(await plivoClientFor(this), registration);
}

export async function registerWebhook(this: IHookFunctions): Promise<boolean> {
  const data = staticData(this);
  if (!isInbound(this)) {
    // Best effort: the trigger receives reports at its URL whether or not Send can list it, so a credential that
    // cannot manage applications (or Plivo being unreachable) must not stop the workflow from activating.
    const url = this.getNodeWebhookUrl('default') ?? '';
    try {
      const target = await registerStatusCallback(await plivoClientFor(this), { url, label: statusTriggerLabel(this, url) });
      data.statusTarget = target as TriggerStaticData['statusTarget'];
    } catch (error) {
      this.logger.warn(`Plivo SMS Trigger: not listed in Send's "Report Delivery To" (${(error as Error).message}); its URL still receives reports.`);
    }
    return true;
  }
  // The saved registration may be stale (application deleted, numbers re-pointed, other numbers or URL chosen since):
  // core reuses what still exists, re-points the rest, and gives numbers no longer chosen their previous app back.
  const registration = await registerInboundWebhook(await plivoClientFor(this), {
    url: this.getNodeWebhookUrl('default') ?? '',
    method: 'POST',
    numbers: chosenNumbers(this),
    // One name per workflow: its test URL stacks on its production URL; another workflow's number is refused.
    appName: `n8n-${this.getWorkflow().id ?? 'workflow'}`,
    replacing: data.registration ?? null,
  });
  data.registration = registration as TriggerStaticData['registration'];
  return true;
}

export async function unregisterWebhook(this: IHookFunctions): Promise<boolean> {
  const data = staticData(this);
  if (data.statusTarget) {
    await unregisterStatusCallback(await plivoClientFor(this), data.statusTarget);
    delete data.statusTarget;
  }
  if (!data.registration) return true;
  await unregisterInboundWebhook(await plivoClientFor(this), data.registration);
  delete data.registration;
  return true;
}
