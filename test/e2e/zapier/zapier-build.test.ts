// End to end: the Zapier app as `zapier-platform push` uploads it. The CLI's own build copies zapier-app/ alone,
// installs its production dependencies from the app's lockfile (offline, from the npm cache), zips what the entry
// point needs and runs its "Testing build" check. The zip is then unpacked into an empty folder and run on Zapier's
// runtime Node (the version zapier-platform-cli names), through the zip's own zapierwrapper.js handler, with the
// events Zapier's runtime sends, against the offline sandbox. No file of the repository is reachable from there.
import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '@textbridge/core';
import App from '../../../zapier-app/src/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, tail, type CommandResult } from '../../support/processes.js';
import { envForNpm } from './npm-env.js';
import { ensureZapierRuntimeNode, zapierRuntimeNodeMajor } from './runtime-node.js';
import { HandlerError, startZapierLambda, type HandlerOutput, type ZapierEvent, type ZapierLambda } from './zapier-lambda.js';
import { startReceiver, waitFor, zapierRawRequest, type WebhookReceiver } from './zapier-webhooks.js';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../zapier-app');
const require = createRequire(import.meta.url);
const cli = require.resolve('zapier-platform-cli/src/bin/run');
/** The CLI's own unzip (its build check unpacks build.zip with it). */
const decompress = require('zapier-platform-cli/src/utils/decompress') as (zipPath: string, outputDir: string) => Promise<unknown>;

const OUR_NUMBER = '+14155552671';
const CLI_TIMEOUT_MS = 180_000;

/**
 * Runs zapier-platform in zapier-app/ as a developer does, with npm offline (only the cache `npm ci` filled) and
 * without this test's environment: no NODE_ENV=test (it makes the CLI load tsx), no settings of the npm that started
 * vitest, no analytics or update checks (they would call out to zapier.com and the registry).
 */
async function zapierCli(...args: string[]): Promise<CommandResult> {
  const env = envForNpm({ DISABLE_ZAPIER_ANALYTICS: '1', NO_UPDATE_NOTIFIER: '1', NO_COLOR: '1', npm_config_offline: 'true' });
  delete env.NODE_ENV;
  const result = await runCommand(process.execPath, [cli, ...args], { cwd: appDir, env, timeoutMs: CLI_TIMEOUT_MS });
  if (result.code !== 0) {
    throw new Error(`zapier-platform ${args.join(' ')} failed (exit ${result.code ?? result.signal}):\n${tail(`${result.stdout}\n${result.stderr}`)}`);
  }
  return result;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

let sandbox: Sandbox;
let receiver: WebhookReceiver;
let authData: Record<string, string>;
let validation: CommandResult;
let build: CommandResult;
let unzipped: string;
let lambda: ZapierLambda;

/** One Zapier runtime call: `execute` of an operation method with this connection's authData. */
async function execute<T>(method: string, bundle: Record<string, unknown> = {}): Promise<T> {
  const output: HandlerOutput<T> = await lambda.invoke<T>({ command: 'execute', method, bundle: { authData, inputData: {}, meta: {}, ...bundle } });
  return output.results;
}

async function failureOf(event: Promise<unknown>): Promise<HandlerError> {
  const error = await event.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof HandlerError)) throw new Error(`Expected the handler to reject, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, deliveryDelayMs: 10 });
  receiver = await startReceiver();
  authData = { auth_id: sandbox.authId, auth_token: sandbox.authToken, base_url: sandbox.url };
  const runtime = await ensureZapierRuntimeNode((line) => console.info(line));

  // `build` would also validate, but part of that calls zapier.com: the offline part runs on its own, after the build
  // has bundled dist/index.js (the module it loads); the zip's handler validates its definition again below.
  build = await zapierCli('build', '--skip-validation');
  validation = await zapierCli('validate', '--without-style', '--skip-build');

  unzipped = await mkdtemp(join(tmpdir(), 'textbridge-zapier-build-'));
  await decompress(join(appDir, 'build', 'build.zip'), unzipped);
  lambda = await startZapierLambda(unzipped, runtime.binary);
});

afterAll(async () => {
  await lambda?.stop();
  if (unzipped) await rm(unzipped, { recursive: true, force: true });
  await sandbox?.stop();
  await receiver?.close();
});

describe('zapier-platform build, as `zapier push` runs it', () => {
  it('builds from a copy of zapier-app/ alone, installing from the app’s lockfile offline, and passes the CLI’s checks', async () => {
    expect(validation.stdout).toContain('This project is structurally sound!');
    const log = `${build.stdout}\n${build.stderr}`;
    expect(log).toContain('Running _zapier-build script'); // type-check + bundle, in the workspace
    expect(log).toContain('Installing project dependencies using npm'); // in the copy
    // "Testing build" unpacks build.zip and loads zapierwrapper.js: a file missing from the zip fails the build here.
    expect(log).toContain('Testing build');
    expect(log).toContain('Build complete!');

    // Every package in the zip is the version zapier-app/package-lock.json pins (the one the workspace tests ran).
    const lock = JSON.parse(await readFile(join(appDir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    const manifests = (await filesUnder(unzipped)).filter((file) => /^(node_modules\/(@[^/]+\/)?[^/]+\/)+package\.json$/.test(file));
    expect(manifests).toContain('node_modules/zapier-platform-core/package.json');
    for (const manifest of manifests) {
      const { version: written } = JSON.parse(await readFile(join(unzipped, manifest), 'utf8')) as { version: string };
      const version = written.replace(/^[v=]+/, ''); // as npm reads it: some packages publish "v1.3.0"
      expect({ manifest, version }).toEqual({ manifest, version: lock.packages[dirname(manifest)]?.version });
    }
  });

  it('zips the bundled app with zapier-platform-core as its only dependency: no workspace package, no undici', async () => {
    const files = await filesUnder(unzipped);
    // The app and the files Zapier generates at the top, dependencies under node_modules: no path into the workspace.
    expect(files.filter((file) => !/^(node_modules|dist)\//.test(file)).sort()).toEqual(['definition.json', 'package.json', 'zapierwrapper.js']);
    expect(files.filter((file) => file.startsWith('dist/'))).toEqual(['dist/index.js']);
    const packages = new Set(files.map((file) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter(Boolean));
    expect(packages).toContain('zapier-platform-core');
    for (const bundled of ['@textbridge/core', 'zod', 'libphonenumber-js', 'undici']) expect(packages).not.toContain(bundled);
    const manifest = JSON.parse(await readFile(join(unzipped, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toEqual(['zapier-platform-core']);
    expect(await readFile(join(unzipped, 'dist', 'index.js'), 'utf8')).not.toMatch(/from ["']@textbridge\/core["']|require\(["']undici["']\)/);
  });
});

describe('the unzipped build on Zapier’s runtime Node, through its own handler', () => {
  const sent: string[] = [];

  it('runs on the Node version zapier-platform-cli names for Zapier’s runtime (22 in CLI 19)', () => {
    expect(lambda.node.startsWith(`v${zapierRuntimeNodeMajor()}.`)).toBe(true);
  });

  it('loads the definition the build wrote, and it passes the schema validation the offline build skipped', async () => {
    const { results: definition } = await lambda.invoke<Record<string, Record<string, unknown>>>({ command: 'definition' });
    expect(definition).toEqual(JSON.parse(await readFile(join(unzipped, 'definition.json'), 'utf8')));
    // Every trigger, create and search of the app's source made it into the zip.
    for (const kind of ['triggers', 'creates', 'searches'] as const) {
      expect(Object.keys(definition[kind]!).sort(), kind).toEqual(Object.keys(App[kind] ?? {}).sort());
    }
    expect(Object.keys(definition.creates!)).toContain('send_sms');
    expect((await lambda.invoke({ command: 'validate' } satisfies ZapierEvent)).results).toEqual([]);
  });

  it('tests the connection and labels it; a wrong Auth Token is an expired connection, with the token kept out', async () => {
    const account = await execute<Record<string, unknown>>('authentication.test');
    expect(account).toMatchObject({ id: sandbox.authId, authId: sandbox.authId });
    const label = await execute<string>('authentication.connectionLabel', { inputData: account });
    expect(label).toContain(sandbox.authId);

    const wrongToken = 'WrongTokenWrongTokenWrongTokenWrongToken';
    const error = await failureOf(execute('authentication.test', { authData: { ...authData, auth_token: wrongToken } }));
    expect(error.errorName).toBe('ExpiredAuthError');
    expect(error.message).not.toContain(wrongToken);
  });

  it('sends an SMS to two numbers with Send SMS', async () => {
    const result = await execute<{ status: string; messageUuids: string[]; to: string[]; encoding: string }>('creates.send_sms.operation.perform', {
      inputData: { from: OUR_NUMBER, to: ['+14155550101', '(415) 555-0102'], default_country: 'US', message: 'Your table is ready – welcome!' },
    });
    expect(result).toMatchObject({ status: 'queued', to: ['+14155550101', '+14155550102'], encoding: 'GSM-7' });
    expect(result.messageUuids).toHaveLength(2);
    sent.push(...result.messageUuids);
    const inSandbox = sandbox.state.messages.filter((message) => sent.includes(message.uuid));
    expect(inSandbox.map((message) => message.text)).toEqual(['Your table is ready - welcome!', 'Your table is ready - welcome!']);
  });

  it('finds the sent message with Find Message; an unknown UUID gives no result', async () => {
    const [found] = await execute<Record<string, unknown>[]>('searches.find_message.operation.perform', { inputData: { message_uuid: sent[0] } });
    expect(found).toMatchObject({ messageUuid: sent[0], from: OUR_NUMBER, to: '+14155550101', direction: 'outbound' });
    expect(await execute('searches.find_message.operation.perform', { inputData: { message_uuid: 'no-such-message' } })).toEqual([]);
  });

  it('looks up a number with Look Up Number', async () => {
    const [lookup] = await execute<Record<string, unknown>[]>('searches.lookup_number.operation.perform', {
      inputData: { number: '(415) 555-0123', default_country: 'US' },
    });
    expect(lookup).toMatchObject({ phoneNumber: '+14155550123', countryIso2: 'US' });
    expect(lookup?.lineType).toBeTruthy();
  });

  it('polls Delivery Status Update: one item per message and status, deduplicated on that pair', async () => {
    await waitFor(async () => {
      const done = sandbox.state.messages.filter((message) => sent.includes(message.uuid) && message.status === 'delivered');
      return done.length === sent.length ? true : undefined;
    }, 'both messages to be delivered');
    const updates = await execute<{ id: string; messageUuid: string; status: string }[]>('triggers.delivery_status.operation.perform', {
      inputData: { status: 'delivered' },
      meta: { isPopulatingDedupe: true },
    });
    expect(updates.map((update) => update.id).sort()).toEqual(sent.map((uuid) => `${uuid}:delivered`).sort());
  });

  it('fills the From dropdown with the account’s numbers', async () => {
    const numbers = await execute<{ id: string }[]>('triggers.sender_number.operation.perform', { meta: { isFillingDynamicDropdown: true, page: 0 } });
    expect(numbers.map((number) => number.id)).toContain(OUR_NUMBER);
  });

  it('New Inbound SMS: subscribes, performs a signed inbound SMS into one result and a forged one into none, unsubscribes', async () => {
    const subscription = await execute<{ appId: string; url: string }>('triggers.new_inbound_sms.operation.performSubscribe', {
      inputData: { number: OUR_NUMBER },
      targetUrl: receiver.url,
    });
    expect(subscription).toMatchObject({ url: receiver.url });
    expect(sandbox.state.numbers.get('14155552671')?.appId).toBe(subscription.appId);

    const arrival = receiver.next();
    const response = await fetch(`${sandbox.url}/__sandbox/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: '+14155550123', to: OUR_NUMBER, text: 'Is my order ready?' }),
    });
    expect(response.status).toBe(202);
    const { message_uuid: uuid } = (await response.json()) as { message_uuid: string };
    const request = await arrival;
    const hookBundle = {
      inputData: { number: OUR_NUMBER },
      targetUrl: receiver.url,
      subscribeData: subscription,
      cleanedRequest: Object.fromEntries(new URLSearchParams(request.body)),
      rawRequest: zapierRawRequest(request),
    };
    expect(await execute('triggers.new_inbound_sms.operation.perform', hookBundle)).toEqual([
      expect.objectContaining({ id: uuid, messageUuid: uuid, from: '+14155550123', to: OUR_NUMBER, text: 'Is my order ready?' }),
    ]);
    const forgedContent = request.body.replace('Is+my+order+ready', 'Refund+me+now');
    expect(forgedContent).not.toBe(request.body);
    const forged = { ...hookBundle, rawRequest: { ...hookBundle.rawRequest, content: forgedContent } };
    expect(await execute('triggers.new_inbound_sms.operation.perform', forged)).toEqual([]);

    const samples = await execute<Record<string, unknown>[]>('triggers.new_inbound_sms.operation.performList', { inputData: { number: OUR_NUMBER } });
    expect(samples[0]).toMatchObject({ from: '+14155550123', to: OUR_NUMBER });

    await execute('triggers.new_inbound_sms.operation.performUnsubscribe', { inputData: { number: OUR_NUMBER }, subscribeData: subscription });
    expect(sandbox.state.numbers.get('14155552671')?.appId).toBeNull();
    expect(sandbox.state.applications.has(String(subscription.appId))).toBe(false);
  });

  it('polls New Inbound SMS (polling) from the message log: the message that came in above', async () => {
    const inbound = await execute<Record<string, unknown>[]>('triggers.new_inbound_sms_polling.operation.perform', { inputData: { number: OUR_NUMBER } });
    expect(inbound[0]).toMatchObject({ from: '+14155550123', to: OUR_NUMBER });
  });
});
