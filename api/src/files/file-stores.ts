import type { Config } from '../shared/config.js';
import { LocalFileStore, type FileStore } from './file-store.js';

/** The configured file store: the local directory under DATA_DIR. */
export function fileStoreFor(config: Config): FileStore {
  return LocalFileStore.inDataDir(config.dataDir);
}
