import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// s3rver ships no types; its constructor options and run()/close() are all the tests use.
// @ts-expect-error no declaration file
import S3rver from 's3rver';
import type { S3MediaStorageOptions } from './s3MediaStorage';

export interface RunningS3rver {
  /** What createS3MediaStorage takes (and BRAID_S3_URL = `${endpoint}/${bucket}`). */
  options: S3MediaStorageOptions;
  url: string;
  close(): Promise<void>;
}

/** A local S3-compatible server on a random port, over a temporary folder, with one bucket. */
export async function startS3rver(bucket = 'braid-media'): Promise<RunningS3rver> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'braid-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    // s3rver's fixed credentials.
    options: { endpoint, bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    url: `${endpoint}/${bucket}`,
    async close() {
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
