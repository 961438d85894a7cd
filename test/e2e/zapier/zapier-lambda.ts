// An unzipped Zapier build run the way Zapier's runtime runs it: one long-lived Node process (the runtime Node, not
// the test's) that imports the build's own zapierwrapper.js and passes each event to its `handler(event, context)`.
// The events are the ones Zapier sends: `{ command: 'definition' | 'validate' }`, or `{ command: 'execute', method:
// 'creates.send_sms.operation.perform', bundle: { authData, inputData, meta, … } }`.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('./lambda-runner.mjs', import.meta.url));
const START_TIMEOUT_MS = 30_000;

/** What the handler resolves with: the method's return value under `results`. */
export interface HandlerOutput<T = unknown> {
  results: T;
  [key: string]: unknown;
}

export interface ZapierEvent {
  command: 'definition' | 'validate' | 'execute';
  method?: string;
  bundle?: Record<string, unknown>;
}

/** A rejection from the handler as the runtime sees it: Zapier's error class name and its message. */
export class HandlerError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
    readonly remoteStack: string,
  ) {
    super(`${errorName}: ${message}`);
    this.name = 'HandlerError';
  }
}

interface ErrorData {
  name: string;
  message: string;
  stack: string;
}

type RunnerMessage =
  | { type: 'ready'; node: string; handlerArity: number }
  | { type: 'load-failed'; error: ErrorData }
  | { type: 'result'; id: number; output?: HandlerOutput; error?: ErrorData };

export interface ZapierLambda {
  /** `process.version` of the runtime process. */
  node: string;
  invoke<T = unknown>(event: ZapierEvent): Promise<HandlerOutput<T>>;
  /** The process's stdout and stderr so far (Zapier's memory checker and the app's console go there). */
  output(): string;
  stop(): Promise<void>;
}

export async function startZapierLambda(unzippedBuild: string, nodeBinary: string): Promise<ZapierLambda> {
  const child: ChildProcess = fork(RUNNER, [join(unzippedBuild, 'zapierwrapper.js')], {
    execPath: nodeBinary,
    cwd: unzippedBuild,
    // Lambda's environment, not the test's: no NODE_ENV=test (zapier-platform-core behaves differently under it).
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  const pending = new Map<number, { resolve(output: HandlerOutput): void; reject(error: Error): void }>();
  let exitError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitError = new Error(`The runtime process exited (${code ?? signal}):\n${output.trim()}`);
      for (const call of pending.values()) call.reject(exitError);
      pending.clear();
      resolve();
    });
  });

  const started = await new Promise<{ node: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The build's handler did not load within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    child.on('message', (message: RunnerMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve({ node: message.node });
      } else if (message.type === 'load-failed') {
        clearTimeout(timer);
        reject(new HandlerError(message.error.name, `zapierwrapper.js failed to load: ${message.error.message}`, message.error.stack));
      } else {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) call?.reject(new HandlerError(message.error.name, message.error.message, message.error.stack));
        else call?.resolve(message.output as HandlerOutput);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(exitError);
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });

  let nextId = 1;
  return {
    node: started.node,
    invoke<T>(event: ZapierEvent): Promise<HandlerOutput<T>> {
      if (exitError) return Promise.reject(exitError);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (output: HandlerOutput) => void, reject });
        child.send({ id, event });
      });
    },
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // The runner quits when its IPC channel closes, as Lambda ends a container.
        if (child.connected) child.disconnect();
        else child.kill();
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}
