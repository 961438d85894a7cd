// `npm start`: the Plivo sandbox carrier and a real n8n with our package, sandbox credentials and the example
// workflows, ready to click. Everything listens on 127.0.0.1; Ctrl-C (SIGINT) or SIGTERM stops it all.
//
// Our package reaches n8n as users get it: `npm pack`, then installed into the demo's n8n user folder the way
// Settings → Community Nodes does (again at every start, so a rebuilt package is picked up).
//
// Environment: TEXTBRIDGE_SANDBOX_PORT (4010), N8N_PORT (5678), N8N_RUNNERS_BROKER_PORT (N8N_PORT + 1),
// TEXTBRIDGE_CACHE_DIR (n8n install, default ~/.cache/textbridge), TEXTBRIDGE_DEMO_DIR (n8n's data in n8n/, the
// sandbox's in sandbox/ — numbers' wiring, applications, messages, opt-outs; default <cache>/demo), TEXTBRIDGE_DEMO_SKIP_BUILD=1 (skip `npm run build`), TEXTBRIDGE_DEMO_LIVE=1 (developers' live-edit
// loop: load n8n-nodes/dist through N8N_CUSTOM_EXTENSIONS instead of installing the package).
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkNumberWiring, createPlivoClient, repairNumberWiring, startSandbox, type Sandbox } from '../../core/src/index.js';
import { installCommunityPackage, packN8nPackage } from '../../test/support/n8n-community-package.js';
import { baseEnvironment, ensureN8nInstalled, waitForWebhook } from '../../test/support/n8n-runner.js';
import { plivoSmsCredential } from '../../test/support/plivo-workflows.js';
import { runCommand, tail } from '../../test/support/processes.js';
import { assertPortsFree, DemoError, readDemoConfig, type DemoConfig } from './demo-config.js';
import {
  DEMO_OWNER,
  ensureOwner,
  importCredentials,
  importWorkflow,
  publishWorkflow,
  startN8nServer,
  storedWorkflowIds,
  type DemoN8nOptions,
  type DemoN8nServer,
} from './demo-n8n.js';
import {
  EXAMPLE_CREDENTIAL,
  EXAMPLE_FILES,
  forCustomExtensions,
  forN8nAt,
  hasTrigger,
  inboundTriggerWiring,
  readExample,
  triggerWebhookUrls,
  type ExampleName,
} from './examples.js';

/** How long a first activation may take to attach its numbers before the demo calls the wiring wrong. */
const REGISTRATION_GRACE_MS = 30_000;
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODES_DIST = join(REPO_ROOT, 'n8n-nodes', 'dist');

export interface RunningDemo {
  config: DemoConfig;
  sandbox: Sandbox;
  n8n: DemoN8nServer;
  /** n8n's output, also written to `<demoDir>/n8n.log`. */
  n8nLogFile: string;
  stop(): Promise<void>;
}

/**
 * Imports the examples n8n does not have yet (so a user's edits survive restarts) and publishes the trigger ones;
 * returns the ids of those it published (n8n registers their triggers when it starts).
 */
async function importExamples(options: DemoN8nOptions, n8nOrigin: string, log: (line: string) => void): Promise<Set<string>> {
  const published = new Set<string>();
  const stored = storedWorkflowIds(options.userFolder);
  const adapt = options.customExtensions ? forCustomExtensions : forN8nAt;
  for (const name of Object.keys(EXAMPLE_FILES) as ExampleName[]) {
    const workflow = adapt(readExample(name), n8nOrigin);
    if (stored.has(workflow.id)) continue;
    log(`demo: importing the example workflow "${workflow.name}"`);
    await importWorkflow(options, workflow);
    if (hasTrigger(workflow)) {
      await publishWorkflow(options, workflow.id);
      published.add(workflow.id);
    }
  }
  return published;
}

/**
 * n8n does not run a trigger's registration for workflows already active when it starts, so the demo checks each
 * inbound trigger's numbers itself (core's wiring check, as `textbridge wiring` does) and re-points any that do not
 * send to the running workflow, saying so loudly: a deleted sandbox folder or a number changed on the phones page
 * would otherwise leave two-way SMS silently dead.
 */
export async function checkDemoWiring(
  sandbox: Sandbox,
  n8nOrigin: string,
  warn: (line: string) => void,
  /** Workflows n8n activates for the first time in this run: their trigger registers itself, given a moment. */
  justPublished: ReadonlySet<string> = new Set(),
): Promise<number> {
  const client = createPlivoClient({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
  let repaired = 0;
  for (const name of Object.keys(EXAMPLE_FILES) as ExampleName[]) {
    const workflow = readExample(name);
    for (const { numbers, url } of inboundTriggerWiring(workflow, n8nOrigin)) {
      const wrongNow = async () => (await checkNumberWiring(client, { numbers, expectedUrl: url })).filter((wiring) => wiring.status !== 'points-here');
      let wrong = await wrongNow();
      const settleBy = Date.now() + (justPublished.has(workflow.id) ? REGISTRATION_GRACE_MS : 0);
      while (wrong.length > 0 && Date.now() < settleBy) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        wrong = await wrongNow();
      }
      if (wrong.length === 0) continue;
      for (const wiring of wrong) {
        const now = wiring.messageUrl ? `sends to ${wiring.messageUrl}` : wiring.status.replace(/-/g, ' ');
        warn(`demo: WARNING: ${wiring.number} does not send its SMS to "${workflow.name}" (${now}); expected ${url}.`);
      }
      const repairs = await repairNumberWiring(client, { numbers: wrong.map((wiring) => wiring.number), url });
      repaired += repairs.filter((repair) => repair.action === 'repointed').length;
      warn(`demo: repaired: ${wrong.map((wiring) => wiring.number).join(', ')} now send${wrong.length === 1 ? 's' : ''} to "${workflow.name}" (textbridge wiring --expect ${url} --repair).`);
    }
  }
  return repaired;
}

export async function startDemo(config: DemoConfig, log: (line: string) => void): Promise<RunningDemo> {
  await assertPortsFree(config);
  if (!config.skipBuild) {
    log('demo: building the packages (npm run build)');
    const build = await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT, env: process.env, timeoutMs: 10 * 60_000 });
    if (build.code !== 0) throw new DemoError(`npm run build failed:\n${tail(build.stdout + build.stderr)}`);
  }
  if (!existsSync(join(NODES_DIST, 'nodes'))) throw new DemoError(`${NODES_DIST} is missing: run \`npm run build\` first.`);
  const installation = await ensureN8nInstalled({ cacheDir: config.cacheDir, onProgress: log });

  const userFolder = join(config.demoDir, 'n8n');
  await mkdir(userFolder, { recursive: true });
  const n8nLogFile = join(config.demoDir, 'n8n.log');
  const n8nOptions: DemoN8nOptions = {
    installation,
    userFolder,
    port: config.n8nPort,
    brokerPort: config.brokerPort,
    ...(config.liveEdit ? { customExtensions: NODES_DIST } : {}),
  };
  if (!config.liveEdit) {
    const pkg = await packN8nPackage();
    log(`demo: installing ${pkg.name}@${pkg.version} into n8n as Community Nodes does`);
    await installCommunityPackage(userFolder, pkg, baseEnvironment(installation));
  }
  const n8nOrigin = `http://127.0.0.1:${config.n8nPort}`;

  // The sandbox keeps its state in the demo folder too, so a restart finds the workflows' wiring and the opt-outs.
  const sandbox = await startSandbox({ port: config.sandboxPort, dataDir: join(config.demoDir, 'sandbox') });
  sandbox.events.subscribe((event) => {
    if (event.type === 'storage') process.stderr.write(`demo: warning: ${event.summary} ${String(event.data.hint ?? '')}\n`);
  });
  let n8n: DemoN8nServer | undefined;
  const logStream = createWriteStream(n8nLogFile, { flags: 'a' });
  const stop = async (): Promise<void> => {
    await n8n?.process.stop();
    await sandbox.stop();
    await new Promise((resolve) => logStream.end(resolve));
  };
  try {
    log('demo: importing the sandbox credential into n8n');
    await importCredentials(n8nOptions, [
      plivoSmsCredential(
        { authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url },
        EXAMPLE_CREDENTIAL.id,
        EXAMPLE_CREDENTIAL.name,
      ),
    ]);
    const justPublished = await importExamples(n8nOptions, n8nOrigin, log);
    log(`demo: starting n8n ${installation.version} (log: ${n8nLogFile})`);
    n8n = await startN8nServer(n8nOptions, (line) => logStream.write(`${line}\n`));
    await ensureOwner(n8n.baseUrl);
    // Published triggers register their webhooks (and attach the sandbox number) shortly after readiness.
    const webhooks = (Object.keys(EXAMPLE_FILES) as ExampleName[]).flatMap((name) =>
      triggerWebhookUrls(readExample(name), n8nOrigin),
    );
    await Promise.all(webhooks.map((url) => waitForWebhook(url).catch(() => log(`demo: warning: ${url} is not live (workflow unpublished?)`))));
    const warn = (line: string): void => void process.stderr.write(`\n${line}\n`);
    if ((await checkDemoWiring(sandbox, n8nOrigin, warn, justPublished)) === 0) log('demo: wiring checked: every listening number sends its SMS to its workflow');
  } catch (error) {
    await stop();
    throw error;
  }
  return { config, sandbox, n8n, n8nLogFile, stop };
}

export function demoBanner(demo: RunningDemo): string {
  const phones = demo.sandbox.url;
  const editor = demo.n8n.baseUrl;
  return [
    '',
    'Textbridge demo is running.',
    '',
    `  n8n editor       ${editor}/   (log in: ${DEMO_OWNER.email} / ${DEMO_OWNER.password})`,
    `  Virtual phones   ${phones}/   (the Plivo sandbox: every SMS sent or received shows up here)`,
    '',
    'Try it:',
    '  1. Open both pages side by side. (n8n pops a "Production Checklist" over a published workflow the first time',
    '     a browser opens it; close it with its x. It is kept in the browser, so no n8n setting turns it off.)',
    '  2. In n8n, open "Appointment reminders" and click "Execute workflow": five reminders appear on the phones;',
    '     two of them fail, and "Delivery alerts" texts the staff phone +1 202 555 0100 about each.',
    `  3. On the phones page, text ${demo.sandbox.numbers[0]} from a contact: HELP and STOP are answered once, by the`,
    '     carrier (as Plivo does in the US and Canada); anything else is forwarded to staff by "Two-way SMS".',
    '     Text HELP or STOP to the British number +44 7520 123456 instead: there the workflow answers itself.',
    `  4. Sign up with a verified phone: POST {"name":"Ada","phone":"+14155550123"} to ${editor}/webhook/signup, read`,
    `     the code on that phone, then POST {"sessionUuid","code","name"} to ${editor}/webhook/signup-confirm.`,
    '',
    `Your edits in n8n and the sandbox's numbers, messages and opt-outs are kept in ${demo.config.demoDir}`,
    '(delete it to start over). Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  /** Set once started; until then a signal just exits. */
  const started: { demo?: RunningDemo } = {};
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    const demo = started.demo;
    if (!demo) {
      // Still starting: exiting runs test/support/processes.ts's exit hook, which kills the n8n command under way.
      log(`\ndemo: ${signal} received while starting; stopping.`);
      process.exit(130);
    }
    log(`\ndemo: ${signal} received, stopping n8n and the sandbox…`);
    void demo.stop().then(
      () => {
        log('demo: stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`demo: stopping failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const running = await startDemo(readDemoConfig(), log);
  started.demo = running;
  process.stdout.write(demoBanner(running));
  log(`demo: n8n pid ${running.n8n.process.pid}`);
  void running.n8n.process.exited.then((exit) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`demo: n8n exited unexpectedly (${exit.code ?? exit.signal}); see ${running.n8nLogFile}\n`);
    void running.sandbox.stop().then(() => process.exit(1));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(
      error instanceof DemoError ? `demo: ${error.message}\n` : `demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
