// Inbound SMS: the trigger's webhook URL becomes the message_url of a Plivo Application attached to the chosen
// numbers (core remembers and restores each number's previous application). The registration lives in the node's
// static data. Delivery status needs nothing registered: Send's status callback URL points here.
import { isInboundWebhookRegistered, registerInboundWebhook, unregisterInboundWebhook, type InboundWebhookRegistration } from '@textbridge/core/integration';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { plivoClientFor } from '../../shared/client.js';

interface TriggerStaticData extends IDataObject {
  registration?: InboundWebhookRegistration & IDataObject;
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
  if (!isInbound(this)) return true;
  const { registration } = staticData(this);
  if (!registration) return false;
  const url = this.getNodeWebhookUrl('default') ?? '';
  if (!describesCurrentSetup(registration, url, chosenNumbers(this))) return false;
  return await isInboundWebhookRegistered(await plivoClientFor(this), registration);
}

export async function registerWebhook(this: IHookFunctions): Promise<boolean> {
  if (!isInbound(this)) return true;
  const data = staticData(this);
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
  if (!data.registration) return true;
  await unregisterInboundWebhook(await plivoClientFor(this), data.registration);
  delete data.registration;
  return true;
}
