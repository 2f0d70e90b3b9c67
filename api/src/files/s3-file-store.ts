import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { blobKey, BlobNotFoundError, checkKey, type BlobInfo, type BlobKey, type FileStore } from './file-store.js';
import type { S3Options } from '../shared/config.js';

const HEX = /^[0-9a-f]{64}$/;

const missing = (error: unknown) =>
  error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);

/**
 * Blobs as objects `<prefix>ab/cd/<sha256>` in an S3 bucket (AWS SDK v3). A PUT is atomic (a reader
 * sees the whole object or none), and a PUT of bytes already stored writes them again, which is what
 * refreshes LastModified for the sweep's grace period.
 */
export class S3FileStore implements FileStore {
  readonly client: S3Client;

  constructor(readonly options: S3Options) {
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  objectKey(key: BlobKey): string {
    checkKey(key);
    return `${this.options.prefix}${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`;
  }

  async put(bytes: Uint8Array): Promise<BlobKey> {
    const key = blobKey(bytes);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: 'application/octet-stream',
        ChecksumSHA256: Buffer.from(key, 'hex').toString('base64'),
      }),
    );
    return key;
  }

  async get(key: BlobKey): Promise<Buffer> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    } catch (error) {
      if (missing(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async has(key: BlobKey): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (error) {
      if (missing(error)) return false;
      throw error;
    }
  }

  async delete(key: BlobKey): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
  }

  async *list(): AsyncIterable<BlobInfo> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: this.options.prefix, ContinuationToken: token, MaxKeys: 1000 }),
      );
      for (const object of page.Contents ?? []) {
        const name = object.Key?.slice(this.options.prefix.length) ?? '';
        const key = name.slice(6);
        // Only what this store writes: ab/cd/<sha256> with the folders matching the name.
        if (!HEX.test(key) || name !== `${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`) continue;
        yield { key, size: object.Size ?? 0, storedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
