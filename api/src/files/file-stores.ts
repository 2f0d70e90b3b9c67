import type { Config } from '../shared/config.js';
import { LocalFileStore, type FileStore } from './file-store.js';
import { S3FileStore } from './s3-file-store.js';

/** The configured file store: S3-compatible object storage when S3_BUCKET is set, else the local directory under DATA_DIR. */
export function fileStoreFor(config: Config): FileStore {
  return config.s3 ? new S3FileStore(config.s3) : LocalFileStore.inDataDir(config.dataDir);
}
