import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniff, ATTACHMENT_KINDS } from './file-kinds.js';
import { DISPLAY_EDGE, ImageRefusedError, processImage, THUMBNAIL_EDGE } from './images.js';

/** A photo as a phone writes one: EXIF with the camera, where it was taken (GPS) and an orientation. */
export async function phonePhoto(width = 400, height = 200, orientation = 6): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .composite([{ input: { create: { width: width / 4, height: height / 4, channels: 3, background: { r: 250, g: 10, b: 10 } } }, left: 0, top: 0 }])
    .jpeg()
    .withExif({
      IFD0: { Make: 'Apple', Model: 'iPhone 15' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 5678/100' },
    })
    .withMetadata({ orientation })
    .toBuffer();
}

const HEIC = fs.readFileSync(new URL('./fixtures/photo.heic', import.meta.url));

describe('processImage', () => {
  it('the phone photo really carries GPS and an orientation (so the next test proves something)', async () => {
    const meta = await sharp(await phonePhoto()).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.exif?.toString('latin1')).toContain('iPhone 15');
    expect(meta.exif?.toString('latin1')).toMatch(/\x25\x88/); // the GPS IFD pointer (tag 0x8825, little-endian)
    expect(meta.exif?.length).toBeGreaterThan(100);
  });

  it('turns the photo upright and strips every piece of metadata: no EXIF, no GPS, no ICC, no XMP', async () => {
    const photo = await phonePhoto(400, 200, 6);
    const out = await processImage(photo, 'jpeg');
    // Orientation 6 is "rotate 90° clockwise to view": 400×200 as stored is 200×400 upright.
    expect([out.width, out.height]).toEqual([200, 400]);
    for (const image of [out.display, out.thumbnail]) {
      const meta = await sharp(image).metadata();
      expect(meta).toMatchObject({ format: 'webp' });
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      const text = image.toString('latin1');
      for (const trace of ['Exif', 'GPS', 'iPhone', 'Apple', 'XMP']) expect(text).not.toContain(trace);
    }
    // The red corner (top left as stored) is top right once upright.
    const { data, info } = await sharp(out.display).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;
    expect(at(info.width - 5, 5)).toBeGreaterThan(200);
    expect(at(5, 5)).toBeLessThan(100);
  });

  it('makes a display size within 2048 px (never enlarged) and a square thumbnail', async () => {
    const big = await sharp({ create: { width: 4032, height: 3024, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const out = await processImage(big, 'png');
    expect([out.width, out.height]).toEqual([DISPLAY_EDGE, 1536]);
    expect(await sharp(out.thumbnail).metadata()).toMatchObject({ width: THUMBNAIL_EDGE, height: THUMBNAIL_EDGE });
    const small = await processImage(
      await sharp({ create: { width: 30, height: 20, channels: 4, background: '#0f08' } })
        .webp()
        .toBuffer(),
      'webp',
    );
    expect([small.width, small.height]).toEqual([30, 20]);
  });

  it('decodes HEIC (iPhone), which sharp’s own libvips cannot', async () => {
    expect(sniff(HEIC, ATTACHMENT_KINDS)).toEqual({ kind: 'heic', contentType: 'image/heic' });
    await expect(sharp(HEIC).webp().toBuffer()).rejects.toThrow();
    const out = await processImage(HEIC, 'heic');
    expect([out.width, out.height]).toEqual([320, 240]);
    expect((await sharp(out.display).metadata()).format).toBe('webp');
  });

  it('refuses a truncated or damaged image, and a decompression bomb by its declared size, without decoding it', async () => {
    const photo = await phonePhoto();
    await expect(processImage(photo.subarray(0, photo.length / 2), 'jpeg')).rejects.toMatchObject({ reason: 'BROKEN' });
    await expect(processImage(HEIC.subarray(0, HEIC.length - 100), 'heic')).rejects.toBeInstanceOf(ImageRefusedError);
    await expect(processImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 garbage here'), 'webp')).rejects.toMatchObject({ reason: 'BROKEN' });

    // A real PNG whose header claims 100 000 × 100 000 pixels (10 gigapixels) in a few hundred bytes.
    const png = Buffer.from(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    );
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    const started = Date.now();
    await expect(processImage(png, 'png')).rejects.toMatchObject({ reason: 'TOO_MANY_PIXELS', message: expect.stringMatching(/at most 50 megapixels/) });
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(processImage(HEIC, 'heic', 1000)).rejects.toMatchObject({ reason: 'TOO_MANY_PIXELS' });
  });
});
