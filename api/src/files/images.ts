import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import sharp, { type OutputInfo, type Sharp } from 'sharp';
import type { FileKindId } from './file-kinds.js';

/**
 * Photos as they are kept and shown: turned upright, every piece of metadata dropped (EXIF GPS
 * would tell anyone where the owner lives), converted to sRGB WebP at a display size and as a
 * square thumbnail. The client's original bytes are never served.
 */
export interface ProcessedImage {
  display: Buffer;
  thumbnail: Buffer;
  /** Of the display image, upright. */
  width: number;
  height: number;
  contentType: 'image/webp';
}

/** A 48 MP phone photo fits; a decompression bomb (a small file that decodes to billions of pixels) does not. */
export const MAX_PIXELS = 50_000_000;
/** Long edge of the display image: sharp on a phone's full-screen viewer, a few hundred KB. */
export const DISPLAY_EDGE = 2048;
/** Square thumbnails for timelines and cards (three to a row at 390 px, at 2× density). */
export const THUMBNAIL_EDGE = 320;
/**
 * Photos decoded at once, one libvips thread each, the rest queued: a burst of uploads takes at most
 * this many threads from the event loop (tests/bench/attachments.ts measures 20 at once).
 */
const CONCURRENT_JOBS = Math.max(2, os.availableParallelism() - 1);
const HEIC_TIMEOUT_MS = 60_000;

export type ImageRefusal = 'BROKEN' | 'TOO_MANY_PIXELS';

export class ImageRefusedError extends Error {
  constructor(
    readonly reason: ImageRefusal,
    message: string,
  ) {
    super(message);
  }
}

// Each request is its own image: libvips's operation cache would only hold memory.
sharp.cache(false);
sharp.concurrency(1);

let running = 0;
const waiting: (() => void)[] = [];
async function inSlot<T>(job: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENT_JOBS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await job();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const broken = () => new ImageRefusedError('BROKEN', 'The image could not be read: it is damaged or cut off.');
const tooLarge = (pixels?: number) =>
  new ImageRefusedError(
    'TOO_MANY_PIXELS',
    `The image is too large: at most ${MAX_PIXELS / 1_000_000} megapixels${pixels ? ` (this one has ${Math.round(pixels / 100_000) / 10})` : ''}.`,
  );

export function processImage(bytes: Buffer, kind: FileKindId, maxPixels = MAX_PIXELS): Promise<ProcessedImage> {
  return inSlot(async () => {
    let source: Sharp;
    if (kind === 'heic') {
      const decoded = await decodeHeic(bytes, maxPixels);
      source = sharp(decoded.data, { raw: { width: decoded.width, height: decoded.height, channels: 4 } });
    } else {
      // failOn 'error': a truncated or corrupt file is refused, not shown half grey.
      source = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).rotate();
    }
    let display: { data: Buffer; info: OutputInfo };
    try {
      display = await source
        .resize({ width: DISPLAY_EDGE, height: DISPLAY_EDGE, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
    } catch (error) {
      if (/pixel limit/i.test((error as Error).message)) throw tooLarge();
      throw broken();
    }
    const thumbnail = await sharp(display.data).resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'cover' }).webp({ quality: 70 }).toBuffer();
    return { display: display.data, thumbnail, width: display.info.width, height: display.info.height, contentType: 'image/webp' };
  });
}

/**
 * The prebuilt libvips that sharp ships reads HEIF containers but has no HEVC decoder (libde265 is
 * left out for patent reasons), so iPhone photos are decoded by libheif compiled to WebAssembly
 * (heic-decode → libheif-js), in a worker thread: a 12 MP photo takes about a second of CPU that
 * must not block the event loop. libheif applies the file's rotation and mirroring itself.
 */
function decodeHeic(bytes: Buffer, maxPixels: number): Promise<{ width: number; height: number; data: Uint8Array }> {
  const decoder = createRequire(import.meta.url).resolve('heic-decode');
  // libheif prints its complaints about a broken file: not for the server log (stdout, stderr kept in).
  const worker = new Worker(HEIC_WORKER, { eval: true, workerData: { decoder, bytes, maxPixels }, stdout: true, stderr: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(broken());
    }, HEIC_TIMEOUT_MS);
    worker.once('message', (answer: { width: number; height: number; data?: Uint8Array; refused?: ImageRefusal }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (answer.refused === 'TOO_MANY_PIXELS') reject(tooLarge(answer.width * answer.height));
      else if (!answer.data) reject(broken());
      else resolve({ width: answer.width, height: answer.height, data: answer.data });
    });
    worker.once('error', () => {
      clearTimeout(timer);
      reject(broken());
    });
  });
}

const HEIC_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const decode = require(workerData.decoder);
(async () => {
  let images;
  try {
    images = await decode.all({ buffer: workerData.bytes });
  } catch {
    parentPort.postMessage({ width: 0, height: 0, refused: 'BROKEN' });
    return;
  }
  try {
    const image = images[0];
    if (!image || !(image.width > 0) || !(image.height > 0)) return parentPort.postMessage({ width: 0, height: 0, refused: 'BROKEN' });
    if (image.width * image.height > workerData.maxPixels) return parentPort.postMessage({ width: image.width, height: image.height, refused: 'TOO_MANY_PIXELS' });
    const { width, height, data } = await image.decode();
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    parentPort.postMessage({ width, height, data: pixels }, [pixels.buffer]);
  } catch {
    parentPort.postMessage({ width: 0, height: 0, refused: 'BROKEN' });
  } finally {
    images.dispose();
  }
})();
`;
