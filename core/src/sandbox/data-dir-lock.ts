// One sandbox per data folder: a lock file holding the owner's process id, so two sandboxes never overwrite each
// other's state. A lock left by a process that is gone (a crash, kill -9) is taken over.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TextbridgeError } from '../errors/index.js';

export const LOCK_FILE_NAME = 'sandbox.lock';

/** Folders locked by sandboxes of this process (a second one here would pass the pid check). */
const lockedHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function lockOwner(file: string): Promise<number | undefined> {
  try {
    const pid = (JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function inUse(dir: string, file: string, pid: number): TextbridgeError {
  return new TextbridgeError('SANDBOX_STATE_ERROR', `The sandbox data folder ${dir} is in use by another sandbox (process ${pid}).`, {
    field: 'dataDir',
    hint: `Stop that sandbox first, or give this one another data folder. If no sandbox is running, delete ${file}.`,
  });
}

/** Takes the folder's lock; resolves to the function that releases it. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const key = resolve(dir);
  const file = join(dir, LOCK_FILE_NAME);
  if (lockedHere.has(key)) throw inUse(dir, file, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${JSON.stringify({ pid: process.pid, since: new Date().toISOString() })}\n`, { flag: 'wx' });
      lockedHere.add(key);
      return async () => {
        lockedHere.delete(key);
        await rm(file, { force: true });
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new TextbridgeError('SANDBOX_STATE_ERROR', `The sandbox could not create its lock file ${file} (${code ?? String(error)}).`, {
          field: 'dataDir',
          hint: 'Check that the data folder is writable by this user, or give the sandbox another data folder.',
          cause: error,
        });
      }
      const owner = await lockOwner(file);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) throw inUse(dir, file, owner);
      // Left behind by a process that is gone (or unreadable): take it over.
      await rm(file, { force: true });
    }
  }
  throw inUse(dir, file, (await lockOwner(file)) ?? 0);
}
