// Points a Plivo number's inbound SMS at a workflow's webhook URL (and undoes it), the way both hosts' triggers
// register themselves: one Application per trigger whose message_url is the host's URL, attached to the chosen
// numbers. A number has one application at a time, so the previous one is remembered and restored; a number another
// trigger is using is refused rather than taken over.
import { TextbridgeError, isTextbridgeError } from '../errors/index.js';
import type { PlivoClient } from '../plivo/client.js';
import {
  appNameForUrl,
  checkNumberWiring,
  inboundAppName,
  isInboundTextbridgeAppName,
  sameWebhookUrl,
  toPlivoNumbers,
  type NumberWiring,
} from './number-wiring.js';

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
  /**
   * Name of the application (letters, digits, `_`, `-`; prefixed with `textbridge-`). Give one name per workflow:
   * a number held by an application of the same name (the workflow's test URL, say) is stacked on, not refused.
   */
  appName?: string;
  /**
   * The registration this one replaces (what the trigger saved last time), possibly stale: its application is reused
   * while it exists, numbers it covered that are no longer chosen get their previous application back, and what it
   * remembered as a number's previous application is kept when the number lost ours since.
   */
  replacing?: InboundWebhookRegistration | null;
}

/**
 * Plivo unlinks a number from its application when `app_id` is the string "null" (the documented way to detach);
 * the sandbox does the same.
 */
export const UNLINK_APP_ID = 'null';

function numbersInUse(conflicts: NumberWiring[], url: string): TextbridgeError {
  const list = conflicts.map((wiring) => `${wiring.number} (application "${wiring.appName ?? wiring.appId}" sends to ${wiring.messageUrl ?? 'no URL'})`);
  const one = conflicts.length === 1;
  return new TextbridgeError(
    'NUMBER_IN_USE',
    `${list.join('; ')} already ${one ? 'receives' : 'receive'} SMS for another workflow or Zap, so ${one ? 'it was' : 'they were'} not taken over: a number sends its SMS to one place at a time.`,
    {
      field: 'numbers',
      hint:
        'Deactivate the other workflow or turn off the other Zap first (that gives the number back), or choose another number. ' +
        `If the other one no longer exists, point the number here with \`textbridge wiring --number ${conflicts[0]!.number} --expect ${url} --repair\` ` +
        'or in the Plivo console (Phone Numbers > Your Numbers), then activate again.',
      details: { numbers: conflicts.map(({ number, appId, appName, messageUrl }) => ({ number, appId, appName, messageUrl })) },
    },
  );
}

/** Puts `number` back on `appId` (or unlinks it); a previous application deleted since means unlinking. */
async function restoreNumber(client: PlivoClient, number: string, appId: string | null): Promise<void> {
  try {
    await client.updateNumber(number, { appId: appId ?? UNLINK_APP_ID });
  } catch (error) {
    if (!isTextbridgeError(error, 'NOT_FOUND')) throw error;
    // Either the number left the account (nothing to restore) or the previous application is gone: unlink instead.
    if (appId === null) return;
    await client.updateNumber(number, { appId: UNLINK_APP_ID }).catch((unlinkError: unknown) => {
      if (!isTextbridgeError(unlinkError, 'NOT_FOUND')) throw unlinkError;
    });
  }
}

async function deleteApplicationIfAny(client: PlivoClient, appId: string): Promise<void> {
  try {
    await client.deleteApplication(appId);
  } catch (error) {
    if (!isTextbridgeError(error, 'NOT_FOUND')) throw error;
  }
}

/** The replaced registration's application when it still exists, pointed at `url` if it was not. */
async function reusableApplication(client: PlivoClient, replacing: InboundWebhookRegistration | null | undefined, url: string, method: 'GET' | 'POST'): Promise<string | undefined> {
  if (!replacing?.appId) return undefined;
  try {
    const app = await client.getApplication(replacing.appId);
    if (!sameWebhookUrl(app.messageUrl, url) || app.messageMethod !== method) {
      await client.updateApplication(app.appId, { messageUrl: url, messageMethod: method });
    }
    return app.appId;
  } catch (error) {
    if (isTextbridgeError(error, 'NOT_FOUND')) return undefined;
    throw error;
  }
}

/**
 * Attaches an application sending to `url` to every chosen number; idempotent, so it also repairs: run again with
 * the saved registration as `replacing`, it re-points numbers moved or left without an application since, and
 * recreates the application when it was deleted. A number whose application belongs to another Textbridge trigger
 * fails the whole call (NUMBER_IN_USE) before anything changes; so does a number the account does not have.
 */
export async function registerInboundWebhook(
  client: PlivoClient,
  options: RegisterInboundWebhookOptions,
): Promise<InboundWebhookRegistration> {
  const method = options.method ?? 'POST';
  if (!Array.isArray(options.numbers) || options.numbers.length === 0) {
    throw new TextbridgeError('INVALID_INPUT', 'Choose at least one of your Plivo numbers to receive SMS on.', {
      field: 'numbers',
    });
  }
  const numbers = toPlivoNumbers(options.numbers);
  const appName = inboundAppName(options.appName ?? appNameForUrl(options.url));
  const { replacing } = options;
  const remembered = new Map((replacing?.numbers ?? []).map(({ number, previousAppId }) => [number, previousAppId]));

  // Read every number first: an unknown number or a conflict fails before anything was changed.
  const wirings = await checkNumberWiring(client, { numbers, expectedUrl: options.url });
  const isOurs = (wiring: NumberWiring): boolean =>
    wiring.status === 'points-here' || (replacing?.appId !== undefined && wiring.appId === replacing.appId);
  const conflicts = wirings.filter(
    (wiring) => !isOurs(wiring) && wiring.status === 'points-elsewhere' && wiring.textbridgeApp && wiring.appName !== appName,
  );
  if (conflicts.length > 0) throw numbersInUse(conflicts, options.url);
  const previous = wirings.map((wiring, i) =>
    isOurs(wiring) || wiring.status === 'no-application' || wiring.status === 'application-missing'
      ? (remembered.get(numbers[i]!) ?? null)
      : wiring.appId,
  );

  const reused =
    (await reusableApplication(client, replacing, options.url, method)) ??
    wirings.find((wiring) => wiring.status === 'points-here' && wiring.textbridgeApp)?.appId ??
    undefined;
  const appId = reused ?? (await client.createApplication({ appName, messageUrl: options.url, messageMethod: method })).appId;
  const registration: InboundWebhookRegistration = {
    appId,
    url: options.url,
    method,
    numbers: numbers.map((number, i) => ({ number, previousAppId: previous[i] ?? null })),
  };

  const attached: number[] = [];
  try {
    for (const [i, wiring] of wirings.entries()) {
      if (wiring.appId === appId) continue;
      await client.updateNumber(numbers[i]!, { appId });
      attached.push(i);
    }
  } catch (error) {
    // Leave the account as it was: numbers get back what they had a moment ago, a new application goes, then report.
    for (const i of attached) {
      const before = wirings[i]!;
      await restoreNumber(client, numbers[i]!, before.status === 'application-missing' ? null : before.appId).catch(() => undefined);
    }
    if (reused === undefined) await deleteApplicationIfAny(client, appId).catch(() => undefined);
    throw error;
  }

  // Numbers the replaced registration covered but this one does not: give them back.
  const chosen = new Set(numbers);
  const dropped = (replacing?.numbers ?? []).filter(({ number }) => !chosen.has(number));
  if (replacing && dropped.length > 0) await unregisterInboundWebhook(client, { ...replacing, numbers: dropped }, { keepApplication: appId });
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
    if (!sameWebhookUrl(app.messageUrl, registration.url)) return false;
    const attached = await Promise.all(registration.numbers.map(async ({ number }) => (await client.getNumber(number)).appId));
    return attached.every((appId) => appId === registration.appId);
  } catch (error) {
    if (isTextbridgeError(error, 'NOT_FOUND')) return false;
    throw error;
  }
}

/** The number's application id (null: none); undefined when the number has left the account. */
async function currentAppId(client: PlivoClient, number: string): Promise<string | null | undefined> {
  try {
    return (await client.getNumber(number)).appId;
  } catch (error) {
    if (isTextbridgeError(error, 'NOT_FOUND')) return undefined;
    throw error;
  }
}

async function applicationGone(client: PlivoClient, appId: string): Promise<boolean> {
  try {
    await client.getApplication(appId);
    return false;
  } catch (error) {
    if (isTextbridgeError(error, 'NOT_FOUND')) return true;
    throw error;
  }
}

/** A Textbridge application (a repair's) sending to the registration's URL counts as ours. */
async function isOurRepair(client: PlivoClient, appId: string, url: string): Promise<boolean> {
  try {
    const app = await client.getApplication(appId);
    return sameWebhookUrl(app.messageUrl, url) && isInboundTextbridgeAppName(app.appName);
  } catch (error) {
    if (isTextbridgeError(error, 'NOT_FOUND')) return false;
    throw error;
  }
}

export interface UnregisterInboundWebhookOptions {
  /** An application not to delete (the one a new registration reuses). */
  keepApplication?: string;
}

/**
 * Gives each number back the application it had — when ours, or another Textbridge application sending to our URL
 * (a repair's), is still the one attached, or when deleting ours left it with none; a number the user moved or
 * unlinked since is left alone — then deletes ours and those.
 * Nothing already gone is an error: a released number, a deleted application, a previous application deleted since
 * (the number is unlinked instead).
 */
export async function unregisterInboundWebhook(
  client: PlivoClient,
  registration: InboundWebhookRegistration | null | undefined,
  options: UnregisterInboundWebhookOptions = {},
): Promise<void> {
  if (!registration?.appId) return;
  const extraApps = new Set<string>();
  let ourAppGone: boolean | undefined;
  for (const { number, previousAppId } of registration.numbers ?? []) {
    const current = await currentAppId(client, number);
    if (current === undefined) continue;
    if (current === null) {
      // Deleting our application detached the number (the user did not choose "none"): it gets its previous one back.
      ourAppGone ??= await applicationGone(client, registration.appId);
      if (!ourAppGone || previousAppId === null) continue;
    } else if (current !== registration.appId) {
      if (!(await isOurRepair(client, current, registration.url))) continue;
      extraApps.add(current);
    }
    await restoreNumber(client, number, previousAppId === registration.appId ? null : previousAppId);
  }
  for (const appId of [...(await orphanedRepairs(client, registration.url)), ...extraApps]) extraApps.add(appId);
  for (const appId of [registration.appId, ...extraApps]) {
    if (appId !== options.keepApplication) await deleteApplicationIfAny(client, appId);
  }
}

/**
 * Textbridge applications sending to `url` that no number uses any more: a repair made one, and its numbers were
 * moved elsewhere since. Best effort: deactivation never fails because the account could not be listed.
 */
async function orphanedRepairs(client: PlivoClient, url: string): Promise<string[]> {
  try {
    const candidates: string[] = [];
    for await (const app of client.listApplications()) {
      if (isInboundTextbridgeAppName(app.appName) && sameWebhookUrl(app.messageUrl, url)) candidates.push(app.appId);
    }
    if (candidates.length === 0) return [];
    const inUse = new Set<string>();
    for await (const number of client.listNumbers()) if (number.appId) inUse.add(number.appId);
    return candidates.filter((appId) => !inUse.has(appId));
  } catch {
    return [];
  }
}
