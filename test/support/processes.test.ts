// The harness must leave no process behind: stopping a managed process stops everything it started.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProcessAlive, runCommand, spawnManaged } from './processes.js';

const env = { PATH: process.env.PATH ?? '' };

async function firstLine(read: () => string): Promise<string> {
  await expect.poll(() => read().includes('\n'), { timeout: 5000, interval: 20 }).toBe(true);
  return read().split('\n')[0]!;
}

describe('spawnManaged', () => {
  it('stop() ends the process and the children it spawned (its whole process group)', async () => {
    const managed = spawnManaged('sh', ['-c', 'sleep 300 & echo $!; wait'], { env });
    const grandchild = Number(await firstLine(managed.stdout));
    expect(isProcessAlive(grandchild)).toBe(true);

    const exit = await managed.stop(2000);

    expect(exit.signal ?? exit.code).not.toBeNull();
    await expect.poll(() => isProcessAlive(grandchild), { timeout: 3000, interval: 20 }).toBe(false);
  });

  it('reaps children left behind when the leader exits by itself', async () => {
    const managed = spawnManaged('sh', ['-c', 'sleep 300 & echo $!'], { env });
    const grandchild = Number(await firstLine(managed.stdout));
    await managed.exited;
    await expect.poll(() => isProcessAlive(grandchild), { timeout: 3000, interval: 20 }).toBe(false);
  });

  it('passes complete output lines to onLine, per stream', async () => {
    const lines: string[] = [];
    await spawnManaged('sh', ['-c', 'printf "a\\nb"; printf "c\\n" >&2; printf "\\n"'], {
      env,
      onLine: (line, stream) => lines.push(`${stream}:${line}`),
    }).exited;
    expect(lines.sort()).toEqual(['stderr:c', 'stdout:a', 'stdout:b']);
  });
});

describe('runCommand', () => {
  it('returns exit code and output', async () => {
    const result = await runCommand('sh', ['-c', 'echo out; echo err >&2; exit 3'], { env, timeoutMs: 5000 });
    expect(result).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('keeps all of a large output printed just before process.exit() when stdout goes to a file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'textbridge-processes-'));
    try {
      const script = "process.stdout.write('x'.repeat(8_000_000)); process.stdout.write('END'); process.exit(0)";
      const result = await runCommand(process.execPath, ['-e', script], { env, timeoutMs: 20_000, stdoutFile: join(folder, 'out') });
      expect(result.code).toBe(0);
      expect(result.stdout.length).toBe(8_000_003);
      expect(result.stdout.endsWith('END')).toBe(true);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('kills a command that exceeds its time limit', async () => {
    const started = Date.now();
    const result = await runCommand('sh', ['-c', 'sleep 300'], { env, timeoutMs: 200 });
    expect(result.code === null || result.signal !== null).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
