// Points a Plivo number's inbound SMS at a workflow's webhook URL (and undoes it), the way both hosts' triggers
// register themselves: one Application per trigger whose message_url is the host's URL, attached to the chosen
// numbers. A number has one application at a time, so the previous one is remembered and restored.
import { TextbridgeError, isTextbridgeError } from '../errors.js';
import { normalizePhoneNumber, plivoNumber } from '../phone.js';
import type { PlivoClient } from '../plivo/client.js';

export interface InboundWebhookRegistration {
  appId: string;
  url: string;
  method: 'GET' | 'POST';
  /** Plivo-format numbers (digits) with the application each had before, to restore on unregister. */
  numbers: { number: string; previousAppId: string | null }[];
}

export interface RegisterInboundWebhookOptions {
  url: string;
  method?: 'GET' | 'POST';
  /** Your Plivo numbers, in any format normalizePhoneNumber reads. */
  numbers: readonly string[];
  /** Plivo app names allow letters, digits, `_` and `-`. */
  appName?: string;
}

/**
 * Plivo unlinks a number from its application when `app_id` is the string "null" (the documented way to detach);
 * the sandbox does the same.
 */
export const UNLINK_APP_ID = 'null';

function appNameFor(url: string): string {
  const tail = url.replace(/[^A-Za-z0-9]+/g, '-').slice(-40).replace(/^-+|-+$/g, '');
  return `textbridge-${tail || 'webhook'}`.slice(0, 60);
}

function toPlivoNumbers(numbers: readonly string[]): string[] {
  if (!Array.isArray(numbers) || numbers.length === 0) {
    throw new TextbridgeError('INVALID_INPUT', 'Choose at least one of your Plivo numbers to receive SMS on.', {
      field: 'numbers',
    });
  }
  return [...new Set(numbers.map((n, i) => plivoNumber(normalizePhoneNumber(n, undefined, `numbers[${i}]`))))];
}

export async function registerInboundWebhook(
  client: PlivoClient,
  options: RegisterInboundWebhookOptions,
): Promise<InboundWebhookRegistration> {
  const method = options.method ?? 'POST';
  const numbers = toPlivoNumbers(options.numbers);
  // Read every number first: an unknown number fails before anything was changed.
  const previous = await Promise.all(numbers.map(async (number) => (await client.getNumber(number)).appId));
  const created = await client.createApplication({
    appName: options.appName ?? appNameFor(options.url),
    messageUrl: options.url,
    messageMethod: method,
  });
  const registration: InboundWebhookRegistration = {
    appId: created.appId,
    url: options.url,
    method,
    numbers: numbers.map((number, i) => ({ number, previousAppId: previous[i] ?? null })),
  };
  try {
    for (const { number } of registration.numbers) await client.updateNumber(number, { appId: created.appId });
  } catch (error) {
    // Leave the account as it was: restore what was attached, drop the new application, then report.
    await unregisterInboundWebhook(client, registration).catch(() => undefined);
    throw error;
  }
  return registration;
}

/** True when our application still exists, still points at the URL, and is still attached to every number. */
export async function isInboundWebhookRegistered(
  client: PlivoClient,
  registration: InboundWebhookRegistration | null | undefined,
): Promise<boolean> {
  if (!registration?.appId) return false;
  try {
    const app = await client.getApplication(registration.appId);
    if (app.messageUrl !== registration.url) return false;
    const attached = await Promise.all(registration.numbers.map(async ({ number }) => (await client.getNumber(number)).appId));
    return attached.every((appId) => appId === registration.appId);
  } catch (error) {
    if (isTextbridgeError(error, 'NOT_FOUND')) return false;
    throw error;
  }
}

/**
 * Gives each number back the application it had (only if ours is still the one attached: a user may have changed it
 * since), then deletes ours. Already-deleted applications and released numbers are not errors.
 */
export async function unregisterInboundWebhook(
  client: PlivoClient,
  registration: InboundWebhookRegistration | null | undefined,
): Promise<void> {
  if (!registration?.appId) return;
  for (const { number, previousAppId } of registration.numbers ?? []) {
    try {
      const current = await client.getNumber(number);
      if (current.appId === registration.appId) {
        await client.updateNumber(number, { appId: previousAppId ?? UNLINK_APP_ID });
      }
    } catch (error) {
      if (!isTextbridgeError(error, 'NOT_FOUND')) throw error;
    }
  }
  try {
    await client.deleteApplication(registration.appId);
  } catch (error) {
    if (!isTextbridgeError(error, 'NOT_FOUND')) throw error;
  }
}
