import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defineMediaStorageContractTests } from '../usecases/media/mediaStorage.contract';
import { createDiskMediaStorage } from './diskMediaStorage';
import { createS3MediaStorage } from './s3MediaStorage';
import { startS3rver } from './s3rver.testkit';

defineMediaStorageContractTests('disk', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'braid-media-'));
  return { storage: createDiskMediaStorage(dir), close: () => fs.rm(dir, { recursive: true, force: true }) };
});

defineMediaStorageContractTests('S3 (s3rver)', async () => {
  const s3 = await startS3rver();
  return { storage: createS3MediaStorage(s3.options), close: s3.close };
});
