import type { MediaStorageConfig } from '../config';
import type { MediaStorage } from '../usecases/media/mediaStorage';
import { createDiskMediaStorage } from './diskMediaStorage';
import { createS3MediaStorage } from './s3MediaStorage';

/** The adapter the configuration names: a folder by default, a bucket when BRAID_S3_URL is set. */
export function createMediaStorage(config: MediaStorageConfig): MediaStorage {
  return config.kind === 's3' ? createS3MediaStorage(config) : createDiskMediaStorage(config.dir);
}
