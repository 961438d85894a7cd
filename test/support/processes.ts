// Child processes for the e2e harness: each runs in its own process group so stopping it also stops what it spawned
// (n8n's task runner), a watchdog kills the group if this process dies without cleaning up, and an exit hook kills
// whatever is still running when this process exits normally. Nothing here may leave an orphan behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

const DEFAULT_GRACE_MS = 20_000;
/** Enough for `n8n execute` printing a run of tens of thousands of items. */
const OUTPUT_LIMIT_CHARS = 256 * 1024 * 1024;

/** Process groups started here and not yet reaped. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  });
}

/** Sends `signal` to every process of the group; false when the group no longer exists. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPERM') return true;
    return false;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A detached helper that outlives a crash of this process: once `parentPid` is gone it stops the group (SIGTERM, then
 * SIGKILL), and it quits by itself when the group is gone. Runs on the same Node binary as the caller.
 */
function startWatchdog(parentPid: number, pgid: number): void {
  const script = `
    const [parent, group] = process.argv.slice(1).map(Number);
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
    const timer = setInterval(() => {
      if (!alive(-group)) process.exit(0);
      if (alive(parent)) return;
      clearInterval(timer);
      try { process.kill(-group, 'SIGTERM'); } catch {}
      setTimeout(() => { try { process.kill(-group, 'SIGKILL'); } catch {} process.exit(0); }, 5000);
    }, 1000);`;
  const watchdog = spawn(process.execPath, ['-e', script, String(parentPid), String(pgid)], {
    detached: true,
    stdio: 'ignore',
    env: { PATH: process.env.PATH ?? '' },
  });
  watchdog.unref();
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  pid: number;
  child: ChildProcess;
  /** Settles when the group leader exits. */
  exited: Promise<ProcessExit>;
  stdout(): string;
  stderr(): string;
  /** SIGTERM to the group, SIGKILL after `graceMs`, then SIGKILL to anything of the group still left. */
  stop(graceMs?: number): Promise<ProcessExit>;
}

export interface SpawnOptions {
  cwd?: string;
  env: NodeJS.ProcessEnv;
  /** Called with every complete line of stdout and stderr (for progress or logs). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /**
   * Sends stdout to this file instead of a pipe. A process that calls process.exit() right after printing a large
   * result (as `n8n execute` does) loses the end of it on a pipe; writes to a file are synchronous in Node.
   */
  stdoutFile?: string;
}

/** Output of a stream, keeping the last `OUTPUT_LIMIT_CHARS` (the result of `n8n execute` comes last). */
class OutputTail {
  private chunks: string[] = [];
  private length = 0;

  push(chunk: string): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    while (this.length - (this.chunks[0]?.length ?? 0) > OUTPUT_LIMIT_CHARS) {
      this.length -= this.chunks.shift()!.length;
    }
  }

  text(): string {
    const joined = this.chunks.join('');
    this.chunks = [joined];
    return joined;
  }
}

function collect(stream: NodeJS.ReadableStream | null, into: OutputTail, onLine: ((line: string) => void) | undefined): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    into.push(chunk);
    if (!onLine) return;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}

export function spawnManaged(command: string, args: readonly string[], options: SpawnOptions): ManagedProcess {
  installExitHook();
  const stdoutFd = options.stdoutFile === undefined ? undefined : openSync(options.stdoutFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'] });
  } finally {
    if (stdoutFd !== undefined) closeSync(stdoutFd);
  }
  const out = new OutputTail();
  const err = new OutputTail();
  const onLine = options.onLine;
  collect(child.stdout, out, onLine && ((line) => onLine(line, 'stdout')));
  collect(child.stderr, err, onLine && ((line) => onLine(line, 'stderr')));
  const pid = child.pid;
  if (pid === undefined) {
    child.once('error', () => undefined);
    throw new Error(`Could not start ${command}: no process id (is the binary missing?).`);
  }
  liveGroups.add(pid);
  startWatchdog(process.pid, pid);
  // When the leader exits, reap what it left behind (e.g. a task runner): a child still holding the output pipes
  // would otherwise keep them, and 'close', from ever coming.
  child.once('exit', () => {
    signalGroup(pid, 'SIGKILL');
    liveGroups.delete(pid);
  });
  const exited = new Promise<ProcessExit>((resolve, reject) => {
    child.once('error', (error) => {
      liveGroups.delete(pid);
      reject(error);
    });
    // 'close' (not 'exit'): the output is complete by then.
    child.once('close', (code, signal) => resolve({ code, signal }));
  });

  let stopping: Promise<ProcessExit> | undefined;
  const stop = (graceMs = DEFAULT_GRACE_MS): Promise<ProcessExit> => {
    stopping ??= (async () => {
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
        signalGroup(pid, 'SIGKILL');
      }
    })();
    return stopping;
  };

  const stdoutFile = options.stdoutFile;
  const stdout = stdoutFile === undefined ? () => out.text() : () => readFileSync(stdoutFile, 'utf8');
  return { pid, child, exited, stdout, stderr: () => err.text(), stop };
}

export interface CommandResult extends ProcessExit {
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; kills its group when it exceeds `timeoutMs`. */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { timeoutMs: number },
): Promise<CommandResult> {
  const managed = spawnManaged(command, args, options);
  const timer = setTimeout(() => void managed.stop(5000), options.timeoutMs);
  try {
    const exit = await managed.exited;
    return { ...exit, stdout: managed.stdout(), stderr: managed.stderr() };
  } finally {
    clearTimeout(timer);
  }
}

/** The last `lines` lines of a process's output, for error messages. */
export function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
