import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A file being written under a temporary name; `commit` renames it into place, `discard` removes it. */
export interface AtomicFile {
  write(chunk: string): Promise<void>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Opens a file to be written under a temporary name beside it (starting with a dot, which upload
 * tools watching the folder skip) and renamed into place when whole: such a tool sees the whole
 * file or none of it.
 */
export async function openAtomically(path: string): Promise<AtomicFile> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx');
  let closed = false;
  const close = async (): Promise<void> => {
    if (!closed) await handle.close();
    closed = true;
  };
  return {
    write: async (chunk) => {
      await handle.write(chunk, null, 'utf8');
    },
    commit: async () => {
      await close();
      await rename(temporary, path);
    },
    discard: async () => {
      await close();
      await rm(temporary, { force: true });
    },
  };
}

export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const file = await openAtomically(path);
  try {
    await file.write(content);
    await file.commit();
  } catch (error) {
    await file.discard();
    throw error;
  }
}
