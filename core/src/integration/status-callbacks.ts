// Delivery-status triggers that a send can point its status callback at, without anyone copying URLs. The registry
// lives at Plivo, so every workflow, Zap and n8n instance on the account sees it: an active status trigger owns a
// Plivo Application named `textbridge-status-<time>-<label>` whose message_url is the trigger's webhook URL and
// which is attached to no number. Inbound wiring (number-wiring.ts, inbound-webhook.ts) never treats these as its own.
import { TextbridgeError, isTextbridgeError } from '../errors/index.js';
import type { PlivoClient } from '../plivo/client.js';
import type { Application } from '../plivo/schemas.js';
import { sameWebhookUrl, textbridgeAppName } from './number-wiring.js';

export interface StatusCallbackTarget {
  /** The Plivo application standing for the trigger: what a send stores to find it again. */
  appId: string;
  /** The host's label for the trigger (e.g. `n8n-My-workflow-Plivo-SMS-Trigger`, `zapier-…`). */
  label: string;
  /** The trigger's webhook URL: the send's status callback `url`. */
  url: string;
  /** When it was registered (ISO-8601), from the application's name; null for a name not made here. */
  registeredAt: string | null;
}

export interface RegisterStatusCallbackOptions {
  /** The trigger's webhook URL. */
  url: string;
  /** Tells the trigger apart in lists: letters, digits, `_`, `-` are kept, anything else becomes `-`. */
  label: string;
}

/** Base-36 seconds keep the time short in a name of at most 60 characters (7 characters until 2059). */
const NAME = /^textbridge-status-([0-9a-z]{1,8})-(.*)$/;

function statusAppName(label: string, nowMs: number): string {
  return textbridgeAppName(`status-${Math.floor(nowMs / 1000).toString(36)}-${label}`);
}

function toTarget(app: Application): StatusCallbackTarget | undefined {
  const match = NAME.exec(app.appName ?? '');
  if (!match || !app.messageUrl) return undefined;
  return {
    appId: app.appId,
    label: match[2]!,
    url: app.messageUrl,
    registeredAt: new Date(parseInt(match[1]!, 36) * 1000).toISOString(),
  };
}

/** Every registered status trigger, newest first; `labelPrefix` keeps those of one host (e.g. `zapier-`). */
export async function listStatusCallbacks(client: PlivoClient, options: { labelPrefix?: string } = {}): Promise<StatusCallbackTarget[]> {
  const targets: StatusCallbackTarget[] = [];
  for await (const app of client.listApplications()) {
    const target = toTarget(app);
    if (target && target.label.startsWith(options.labelPrefix ?? '')) targets.push(target);
  }
  return targets.sort((a, b) => (b.registeredAt ?? '').localeCompare(a.registeredAt ?? ''));
}

/**
 * Makes `url` selectable as a status callback. Idempotent: a status application already sending to `url` is
 * reused (a reactivated trigger keeps its place in every send that chose it).
 */
export async function registerStatusCallback(client: PlivoClient, options: RegisterStatusCallbackOptions): Promise<StatusCallbackTarget> {
  // createApplication checks the URL (an http(s) URL) and names the field when it is not one.
  const { url } = options;
  const existing = (await listStatusCallbacks(client)).find((target) => sameWebhookUrl(target.url, url));
  if (existing) return existing;
  const appName = statusAppName(options.label, client.clock.now());
  const { appId } = await client.createApplication({ appName, messageUrl: url, messageMethod: 'POST' });
  return toTarget({ appId, appName, messageUrl: url } as Application)!;
}

/**
 * The trigger stops being selectable: its application goes, and any other status application sending to the same
 * URL (a duplicate from a concurrent activation). Anything already gone is fine.
 */
export async function unregisterStatusCallback(
  client: PlivoClient,
  registration: { appId?: string | null; url?: string | null } | null | undefined,
): Promise<void> {
  if (!registration) return;
  const appIds = new Set<string>();
  if (registration.url) {
    for (const target of await listStatusCallbacks(client)) if (sameWebhookUrl(target.url, registration.url)) appIds.add(target.appId);
  }
  if (registration.appId) {
    try {
      if (toTarget(await client.getApplication(registration.appId))) appIds.add(registration.appId);
    } catch (error) {
      if (!isTextbridgeError(error, 'NOT_FOUND')) throw error;
    }
  }
  for (const appId of appIds) {
    try {
      await client.deleteApplication(appId);
    } catch (error) {
      if (!isTextbridgeError(error, 'NOT_FOUND')) throw error;
    }
  }
}

/** True while the registration's application exists, is still a status trigger's, and still sends to its URL. */
export async function isStatusCallbackRegistered(
  client: PlivoClient,
  registration: Pick<StatusCallbackTarget, 'appId' | 'url'> | null | undefined,
): Promise<boolean> {
  if (!registration?.appId) return false;
  try {
    const target = toTarget(await client.getApplication(registration.appId));
    return target !== undefined && sameWebhookUrl(target.url, registration.url);
  } catch (error) {
    if (isTextbridgeError(error, 'NOT_FOUND')) return false;
    throw error;
  }
}

function noLongerActive(appId: string, field: string): TextbridgeError {
  return new TextbridgeError('NOT_FOUND', `The delivery-status trigger chosen in ${field} (Plivo application ${appId}) is no longer active.`, {
    field,
    hint: 'Activate the workflow or turn on the Zap with that trigger again, or choose another active one.',
  });
}

/** The webhook URL of the status trigger `appId` stands for; NOT_FOUND naming `field` once it was deactivated. */
export async function resolveStatusCallback(client: PlivoClient, appId: string, field = 'statusCallback'): Promise<StatusCallbackTarget> {
  const id = typeof appId === 'string' ? appId.trim() : '';
  if (!id) throw new TextbridgeError('INVALID_INPUT', `${field} names no delivery-status trigger.`, { field, hint: 'Choose an active trigger from the list.' });
  try {
    const target = toTarget(await client.getApplication(id));
    if (target) return target;
  } catch (error) {
    if (!isTextbridgeError(error, 'NOT_FOUND')) throw error;
  }
  throw noLongerActive(id, field);
}
