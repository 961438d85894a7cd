// Where each Plivo number sends its inbound SMS (number -> application -> message_url), checked against the URL a
// workflow expects, and put right. Hosts cannot always rely on their trigger lifecycle to notice a change (n8n does not
// re-run it for active workflows at startup; a number can be re-pointed in the Plivo console at any time), so the
// wiring is checkable and repairable from outside: the CLI, an n8n operation, a Zapier search, the demo.
import { z } from 'zod/v4';
import { isTextbridgeError } from '../errors/index.js';
import { normalizePhoneNumber, plivoNumber } from '../phone/index.js';
import type { PlivoClient } from '../plivo/client.js';
import type { AccountNumber, Application } from '../plivo/schemas.js';
import { parseInput } from '../plivo/validate.js';

/**
 * - `points-here`: the number's application sends inbound SMS to the expected URL.
 * - `points-elsewhere`: its application sends them to another URL (or to none).
 * - `linked`: it has an application (no URL was expected, so nothing to compare).
 * - `no-application`: no application: Plivo does not forward its inbound SMS anywhere.
 * - `application-missing`: it names an application that does not exist any more.
 */
export type WiringStatus = 'points-here' | 'points-elsewhere' | 'linked' | 'no-application' | 'application-missing';

export interface NumberWiring {
  /** E.164, e.g. +14155552671 (short codes as Plivo writes them). */
  number: string;
  appId: string | null;
  appName: string | null;
  messageUrl: string | null;
  messageMethod: string | null;
  status: WiringStatus;
  /** Whether inbound SMS reach the expected URL; null when no URL was expected. */
  matches: boolean | null;
  /** The application was made by a Textbridge trigger (n8n workflow, Zap, repair). */
  textbridgeApp: boolean;
}

/** Names of the applications Textbridge creates start with this, so a trigger recognises another trigger's number. */
export const TEXTBRIDGE_APP_PREFIX = 'textbridge-';

/**
 * Names of the applications standing for delivery-status triggers (status-callbacks.ts). They are attached to no
 * number: inbound wiring never counts them as its own, never reuses, repairs with or deletes them.
 */
export const STATUS_APP_PREFIX = `${TEXTBRIDGE_APP_PREFIX}status-`;

export function isStatusCallbackAppName(name: string | null | undefined): boolean {
  return name?.startsWith(STATUS_APP_PREFIX) ?? false;
}

/** An application a Textbridge inbound trigger or repair made. */
export function isInboundTextbridgeAppName(name: string | null | undefined): boolean {
  return (name?.startsWith(TEXTBRIDGE_APP_PREFIX) ?? false) && !isStatusCallbackAppName(name);
}

/** Plivo app names allow letters, digits, `_` and `-`; the prefix marks the application as a Textbridge one. */
export function textbridgeAppName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_-]+/g, '-');
  return (clean.startsWith(TEXTBRIDGE_APP_PREFIX) ? clean : `${TEXTBRIDGE_APP_PREFIX}${clean}`).slice(0, 60);
}

/** An inbound application's name, never one that reads as a status trigger's (a URL tail may start with "status"). */
export function inboundAppName(name: string): string {
  const appName = textbridgeAppName(name);
  return isStatusCallbackAppName(appName) ? textbridgeAppName(`in-${appName.slice(TEXTBRIDGE_APP_PREFIX.length)}`) : appName;
}

/** The default application name for a webhook URL: its tail, which tells workflows apart. */
export function appNameForUrl(url: string): string {
  const tail = url.replace(/[^A-Za-z0-9]+/g, '-').slice(-40).replace(/^-+|-+$/g, '');
  return textbridgeAppName(tail || 'webhook');
}

/** Same URL as Plivo would call it: scheme and host case and default ports do not make a difference. */
export function sameWebhookUrl(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a.trim() === b.trim();
  }
}

const httpUrl = z
  .string({ error: 'must be the webhook URL (text)' })
  .trim()
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { error: 'must be an http(s) URL, e.g. https://n8n.example.com/webhook/…' });

const checkOptionsSchema = z.object(
  {
    numbers: z.array(z.unknown(), { error: 'must be a list of your Plivo numbers' }).optional(),
    expectedUrl: httpUrl.optional(),
  },
  { error: 'must be an object' },
);

const repairOptionsSchema = z.object(
  {
    numbers: z.array(z.unknown(), { error: 'must be a list of your Plivo numbers' }).min(1, { error: 'must name at least one of your Plivo numbers to re-point' }),
    url: httpUrl,
    method: z.enum(['GET', 'POST'], { error: 'must be GET or POST' }).optional(),
    appName: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }).optional(),
  },
  { error: 'must be an object' },
);

export interface CheckNumberWiringOptions {
  /** The numbers to check (any format normalizePhoneNumber reads); default: every number on the account. */
  numbers?: readonly string[];
  /** The webhook URL the numbers should send inbound SMS to. */
  expectedUrl?: string;
}

export interface RepairNumberWiringOptions {
  /** The numbers that must send their inbound SMS to `url`. */
  numbers: readonly string[];
  url: string;
  /** For an application created by the repair (default POST). */
  method?: 'GET' | 'POST';
  /** For an application created by the repair; prefixed with `textbridge-`. */
  appName?: string;
}

export interface WiringRepair {
  number: string;
  /** `repointed`: the number was moved to an application sending to the URL; `unchanged`: it already did. */
  action: 'repointed' | 'unchanged';
  before: NumberWiring;
  after: NumberWiring;
}

/** `['+1 415…']` -> Plivo's digits, deduplicated, each error naming its position. */
export function toPlivoNumbers(numbers: readonly unknown[], field = 'numbers'): string[] {
  return [...new Set(numbers.map((n, i) => plivoNumber(normalizePhoneNumber(n, undefined, `${field}[${i}]`))))];
}

function e164(number: string): string {
  return /^\d{7,15}$/.test(number) ? `+${number}` : number;
}

type AppLookup = Application | 'missing';

/** Each distinct application once; one that Plivo no longer has is `missing`. */
async function applicationsOf(client: PlivoClient, appIds: (string | null)[]): Promise<Map<string, AppLookup>> {
  const distinct = [...new Set(appIds.filter((id): id is string => id !== null))];
  const found = await Promise.all(
    distinct.map(async (appId) => {
      try {
        return [appId, await client.getApplication(appId)] as const;
      } catch (error) {
        if (isTextbridgeError(error, 'NOT_FOUND')) return [appId, 'missing'] as const;
        throw error;
      }
    }),
  );
  return new Map<string, AppLookup>(found);
}

function describeWiring(number: AccountNumber, app: AppLookup | undefined, expectedUrl: string | undefined): NumberWiring {
  const base = { number: e164(number.number), appId: number.appId };
  const expected = expectedUrl !== undefined;
  if (number.appId === null || app === undefined) {
    return { ...base, appName: null, messageUrl: null, messageMethod: null, status: 'no-application', matches: expected ? false : null, textbridgeApp: false };
  }
  if (app === 'missing') {
    return { ...base, appName: null, messageUrl: null, messageMethod: null, status: 'application-missing', matches: expected ? false : null, textbridgeApp: false };
  }
  const matches = expected ? sameWebhookUrl(app.messageUrl, expectedUrl) : null;
  return {
    ...base,
    appName: app.appName,
    messageUrl: app.messageUrl,
    messageMethod: app.messageMethod,
    status: matches === null ? 'linked' : matches ? 'points-here' : 'points-elsewhere',
    matches,
    textbridgeApp: isInboundTextbridgeAppName(app.appName),
  };
}

/**
 * Each number's current wiring, in the order given (or the account's order), classified against `expectedUrl` when
 * one is given. A number the account does not have fails with NOT_FOUND before anything else is read.
 */
export async function checkNumberWiring(client: PlivoClient, options: CheckNumberWiringOptions = {}): Promise<NumberWiring[]> {
  const operation = 'Check number wiring';
  const { numbers, expectedUrl } = parseInput(checkOptionsSchema, options, operation);
  let accountNumbers: AccountNumber[];
  if (numbers === undefined) {
    accountNumbers = [];
    for await (const number of client.listNumbers()) accountNumbers.push(number);
  } else {
    const digits = toPlivoNumbers(numbers);
    accountNumbers = await Promise.all(digits.map((number) => client.getNumber(number)));
  }
  const apps = await applicationsOf(client, accountNumbers.map((number) => number.appId));
  return accountNumbers.map((number) => describeWiring(number, number.appId === null ? undefined : apps.get(number.appId), expectedUrl));
}

/** An application sending to `url`: one the numbers already use, else any on the account (Textbridge's first). */
async function findApplicationFor(client: PlivoClient, url: string, wirings: NumberWiring[]): Promise<string | undefined> {
  const inUse = wirings.find((wiring) => wiring.status === 'points-here');
  if (inUse?.appId) return inUse.appId;
  const candidates: Application[] = [];
  for await (const app of client.listApplications()) {
    if (sameWebhookUrl(app.messageUrl, url) && !isStatusCallbackAppName(app.appName)) candidates.push(app);
  }
  const preferred = candidates.find((app) => isInboundTextbridgeAppName(app.appName)) ?? candidates[0];
  return preferred?.appId;
}

/**
 * Makes every given number send its inbound SMS to `url`: numbers that already do are left alone; the others are
 * attached to an application that sends there (one they or the account already have, else a new Textbridge one).
 * Running it again changes nothing. Returns each number's wiring before and after, read back from Plivo.
 */
export async function repairNumberWiring(client: PlivoClient, options: RepairNumberWiringOptions): Promise<WiringRepair[]> {
  const operation = 'Repair number wiring';
  const input = parseInput(repairOptionsSchema, options, operation);
  const numbers = toPlivoNumbers(input.numbers);
  const before = await checkNumberWiring(client, { numbers, expectedUrl: input.url });
  const wrong = before.filter((wiring) => wiring.status !== 'points-here');
  if (wrong.length === 0) return before.map((wiring) => ({ number: wiring.number, action: 'unchanged', before: wiring, after: wiring }));

  const appId =
    (await findApplicationFor(client, input.url, before)) ??
    (
      await client.createApplication({
        appName: inboundAppName(input.appName ?? appNameForUrl(input.url)),
        messageUrl: input.url,
        messageMethod: input.method ?? 'POST',
      })
    ).appId;
  for (const wiring of wrong) await client.updateNumber(wiring.number, { appId });
  const after = await checkNumberWiring(client, { numbers, expectedUrl: input.url });
  return before.map((wiring, i) => ({
    number: wiring.number,
    action: wiring.status === 'points-here' ? 'unchanged' : 'repointed',
    before: wiring,
    after: after[i]!,
  }));
}
