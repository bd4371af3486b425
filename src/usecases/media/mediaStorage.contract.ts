import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaStorage } from './mediaStorage';

/** The guarantees every MediaStorage adapter must keep (see the port); run against each adapter. */
export function defineMediaStorageContractTests(name: string, open: () => Promise<{ storage: MediaStorage; close(): Promise<void> }>) {
  describe(`MediaStorage contract: ${name}`, () => {
    let storage: MediaStorage;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ storage, close } = await open());
    });
    afterAll(async () => {
      await storage.close();
      await close();
    });

    const bytes = (...values: number[]) => new Uint8Array(values);

    it('gives back the bytes and content type it was given', async () => {
      const photo = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
      await storage.put('w1/m1/photo', photo, 'image/jpeg');
      const file = await storage.get('w1/m1/photo');
      expect(file?.contentType).toBe('image/jpeg');
      expect(Buffer.from(file!.bytes).equals(Buffer.from(photo))).toBe(true);
    });

    it('replaces a file written again under the same key, type included', async () => {
      await storage.put('w1/m2/file', bytes(1, 2, 3, 4, 5), 'application/pdf');
      await storage.put('w1/m2/file', bytes(9), 'audio/ogg');
      const file = await storage.get('w1/m2/file');
      expect(Array.from(file!.bytes)).toEqual([9]);
      expect(file!.contentType).toBe('audio/ogg');
    });

    it('answers undefined for a key never written', async () => {
      expect(await storage.get('w1/never/written')).toBeUndefined();
    });

    it('deletes, and deleting again (or a missing key) succeeds', async () => {
      await storage.put('w1/m3/file', bytes(7), 'text/plain');
      await storage.delete('w1/m3/file');
      expect(await storage.get('w1/m3/file')).toBeUndefined();
      await storage.delete('w1/m3/file');
      await storage.delete('w1/nothing/here');
    });

    it('keeps an empty file', async () => {
      await storage.put('w1/m4/empty', bytes(), 'text/plain');
      const file = await storage.get('w1/m4/empty');
      expect(file?.bytes.byteLength).toBe(0);
    });

    it('refuses keys that could leave its space', async () => {
      for (const key of ['../escape', 'w1/../../etc/passwd', '/absolute', 'w1//double', 'w1/./here', 'sp ace', '']) {
        await expect(storage.put(key, bytes(1), 'text/plain'), key).rejects.toThrow(/invalid media key/);
        await expect(storage.get(key), key).rejects.toThrow(/invalid media key/);
      }
    });
  });
}
