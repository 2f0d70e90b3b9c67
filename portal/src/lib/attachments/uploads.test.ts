import { describe, expect, it } from 'vitest';
import { UploadQueue, type Sender } from './uploads.svelte';

function controlled() {
  const pending: { file: File; progress: (f: number) => void; resolve: (a: Awaited<ReturnType<Sender>>) => void }[] = [];
  const send: Sender = (file, progress) => new Promise((resolve) => pending.push({ file, progress, resolve }));
  return { send, pending };
}
const file = (name: string, type = 'image/jpeg') => new File([new Uint8Array([1, 2, 3])], name, { type });
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('UploadQueue', () => {
  it('uploads each file as it is picked, with progress, and hands over the ids of the finished ones in order', async () => {
    const { send, pending } = controlled();
    const queue = new UploadQueue(send);
    queue.add([file('a.jpg'), file('b.heic', 'image/heic')]);
    expect(queue.items.map((i) => i.status)).toEqual(['uploading', 'uploading']);
    expect(queue.busy).toBe(true);
    pending[0]!.progress(0.5);
    expect(queue.items[0]!.progress).toBe(0.5);
    pending[1]!.resolve({ ok: true, id: 'id-b' });
    pending[0]!.resolve({ ok: true, id: 'id-a' });
    await settle();
    expect(queue.ids).toEqual(['id-a', 'id-b']);
    expect(queue.busy).toBe(false);
  });

  it('keeps a failed upload with its reason until it is retried or removed', async () => {
    const { send, pending } = controlled();
    const queue = new UploadQueue(send);
    queue.add([file('big.jpg')]);
    pending[0]!.resolve({ ok: false, message: 'A photo may be at most 10 MB.' });
    await settle();
    expect(queue.items[0]).toMatchObject({ status: 'failed', error: 'A photo may be at most 10 MB.' });
    expect(queue.failed).toBe(true);
    queue.retry(queue.items[0]!.key);
    expect(queue.items[0]!.status).toBe('uploading');
    pending[1]!.resolve({ ok: true, id: 'x' });
    await settle();
    expect(queue.ids).toEqual(['x']);
    queue.remove(queue.items[0]!.key);
    expect(queue.ids).toEqual([]);
  });

  it('takes nine at most and says how many were left out; a file removed while uploading is forgotten', async () => {
    const { send, pending } = controlled();
    const queue = new UploadQueue(send);
    expect(queue.add(Array.from({ length: 11 }, (_, i) => file(`${i}.jpg`)))).toEqual({ added: 9, leftOut: 2 });
    expect(queue.add([file('more.jpg')])).toEqual({ added: 0, leftOut: 1 });
    queue.remove(queue.items[0]!.key);
    pending[0]!.resolve({ ok: true, id: 'gone' });
    await settle();
    expect(queue.ids).not.toContain('gone');
    expect(queue.items).toHaveLength(8);
  });
});
