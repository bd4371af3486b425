import fs from 'node:fs/promises';
import path from 'node:path';
import { checkMediaKey, type MediaStorage, type StoredFile } from '../usecases/media/mediaStorage';

/**
 * Media files in a folder: `<dir>/<key>` holds the bytes and `<dir>/<key>.type` the content type.
 * A write goes to a temporary file renamed into place, so a reader never sees half a file and a
 * crash mid-write leaves the previous version.
 */
export function createDiskMediaStorage(dir: string): MediaStorage {
  const root = path.resolve(dir);
  const fileOf = (key: string) => {
    checkMediaKey(key);
    return path.join(root, ...key.split('/'));
  };

  async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await fs.writeFile(temporary, data);
    await fs.rename(temporary, file);
  }

  return {
    async put(key, bytes, contentType) {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // The type first: a file without its type file is never read as a file of another type.
      await writeAtomically(`${file}.type`, contentType);
      await writeAtomically(file, bytes);
    },
    async get(key): Promise<StoredFile | undefined> {
      const file = fileOf(key);
      try {
        const [bytes, contentType] = await Promise.all([fs.readFile(file), fs.readFile(`${file}.type`, 'utf8')]);
        return { bytes: new Uint8Array(bytes), contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(key) {
      const file = fileOf(key);
      await fs.rm(file, { force: true });
      await fs.rm(`${file}.type`, { force: true });
    },
    async close() {},
  };
}
