// The sandbox's data folder: reads the saved state at start and writes it back after changes.
//
// - Crash-safe: every write goes to a temporary file that is flushed to disk, then renamed over state.json, so the
//   file is always a whole old or a whole new state — never half of one.
// - Prompt: API calls that change something are answered once the change is on disk (commit); lifecycle steps are
//   written shortly after (changed). Changes that arrive while a write runs share the next write.
// - Never silent: a file that cannot be read or checked stops the start with an error naming it and what to do
//   (nothing is overwritten); a failing write is reported through `onError` and tried again with the next change.
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TextbridgeError } from '../errors/index.js';
import { lockDataDir } from './data-dir-lock.js';
import { readSavedState, type SavedState } from './state-snapshot.js';

export const STATE_FILE_NAME = 'state.json';
/** How long lifecycle changes may wait to be written together. */
const WRITE_DELAY_MS = 100;

export interface StateStore {
  /** The state file, e.g. `<dataDir>/state.json`. */
  readonly file: string;
  /** What the folder held at start (undefined: a new folder). */
  readonly saved: SavedState | undefined;
  /** Something changed: write it soon. */
  changed(): void;
  /** Resolves once everything changed so far has been written (true), or its write failed and was reported (false). */
  commit(): Promise<boolean>;
  /** Why the latest write failed, until a write succeeds again. */
  readonly failure: string | undefined;
  /** Writes the final state and releases the folder. Rejects when that write fails. */
  close(): Promise<void>;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

function unreadable(file: string, problem: string, cause?: unknown): TextbridgeError {
  return new TextbridgeError('SANDBOX_STATE_ERROR', `The sandbox state file ${file} cannot be used: ${problem}.`, {
    field: 'dataDir',
    hint:
      `The sandbox did not start and left the file as it is. Restore it, or move it aside (e.g. \`mv ${file} ${file}.broken\`) ` +
      'to start with an empty sandbox: its applications, number wiring, messages and opt-outs are then gone.',
    ...(cause === undefined ? {} : { cause }),
  });
}

async function readSaved(file: string): Promise<SavedState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(file, `it could not be read (${errorCode(error)})`, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw unreadable(file, `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`, error);
  }
  const result = readSavedState(json);
  if (!result.ok) throw unreadable(file, result.problem);
  return result.saved;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

/** Temporary files of writes a crash interrupted (their rename never happened, so state.json is intact). */
async function removeTemporaryFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.filter((name) => name.startsWith(`${STATE_FILE_NAME}.`) && name.endsWith('.tmp')).map((name) => rm(join(dir, name), { force: true })),
  );
}

/**
 * Opens (creating it if needed) and locks the data folder, and reads its saved state. `snapshot` gives what to
 * write; `onError` hears about writes that failed.
 */
export async function openStateStore(
  dir: string,
  snapshot: () => unknown,
  onError: (error: TextbridgeError) => void,
): Promise<StateStore> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new TextbridgeError('SANDBOX_STATE_ERROR', `The sandbox data folder ${dir} could not be created (${errorCode(error)}).`, {
      field: 'dataDir',
      hint: 'Give a folder this user may write to (it is created if missing).',
      cause: error,
    });
  }
  const unlock = await lockDataDir(dir);
  const file = join(dir, STATE_FILE_NAME);
  let saved: SavedState | undefined;
  try {
    saved = await readSaved(file);
    await removeTemporaryFiles(dir);
  } catch (error) {
    await unlock();
    throw error;
  }

  /** Changes counted as they come, and the count the newest successful write included. */
  let changes = 0;
  let written = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let lastFailure: string | undefined;

  const write = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const including = changes;
    const current = writeAtomically(file, JSON.stringify(snapshot()))
      .then(
        () => {
          written = Math.max(written, including);
          lastFailure = undefined;
        },
        (error: unknown) => {
          const failure = `The sandbox could not save its state to ${file} (${errorCode(error)}).`;
          if (failure === lastFailure) return; // reported already; said again only after a success
          lastFailure = failure;
          onError(
            new TextbridgeError('SANDBOX_STATE_ERROR', failure, {
              field: 'dataDir',
              hint: 'Free disk space or fix the folder permissions: the next change is written again. Until then a restart loses the latest changes.',
              cause: error,
            }),
          );
        },
      )
      .finally(() => {
        writing = undefined;
        if (written < changes && lastFailure === undefined) schedule();
      });
    writing = current;
    return current;
  };

  function schedule(): void {
    if (timer || writing || closed) return;
    timer = setTimeout(() => void write(), WRITE_DELAY_MS);
    timer.unref();
  }

  /** Waits until a write that began after this change has ended (changes during a write share the next one). */
  const commit = async (): Promise<boolean> => {
    const target = ++changes;
    while (written < target) {
      if (writing) {
        await writing;
        continue;
      }
      await write();
      if (lastFailure !== undefined) return false; // reported through onError
    }
    return true;
  };

  return {
    file,
    saved,
    get failure() {
      return lastFailure;
    },
    changed() {
      changes++;
      if (lastFailure === undefined) schedule();
      else if (!writing) void write(); // while failing, each change tries again (one write at a time)
    },
    commit,
    async close() {
      if (closed) return;
      await commit();
      closed = true;
      if (timer) clearTimeout(timer);
      const failure = lastFailure;
      await unlock();
      if (failure !== undefined) {
        throw new TextbridgeError('SANDBOX_STATE_ERROR', `${failure} The latest changes are lost.`, { field: 'dataDir' });
      }
    },
  };
}
