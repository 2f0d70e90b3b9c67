/** The WeChat habit, as the API counts it. */
export const MAX_FILES = 9;

export type UploadStatus = 'uploading' | 'done' | 'failed';

export interface UploadItem {
  key: number;
  file: File;
  /** A local preview (object URL) for images the browser can show; HEIC is converted only on the server. */
  preview: string | null;
  status: UploadStatus;
  /** 0 to 1. */
  progress: number;
  id: string | null;
  /** The server's reason (already in words), or null for a network failure. */
  error: string | null;
}

export interface Uploaded {
  id: string;
}

/** Sends one file to POST /files, reporting progress; answers the file's id or the server's reason. */
export type Sender = (file: File, onProgress: (fraction: number) => void) => Promise<{ ok: true; id: string } | { ok: false; message: string | null }>;

export const sendWithXhr: Sender = (file, onProgress) =>
  new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/files');
    xhr.setRequestHeader('apollo-require-preflight', 'true');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: { id?: string; errors?: { message?: string }[] } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: a proxy's page
      }
      if (xhr.status === 201 && body.id) resolve({ ok: true, id: body.id });
      else resolve({ ok: false, message: body.errors?.[0]?.message ?? null });
    };
    xhr.onerror = () => resolve({ ok: false, message: null });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });

const SHOWABLE = /^image\/(jpeg|png|webp|gif)$/;

/**
 * The files picked for one message, each uploading as soon as it is picked: progress per file, retry
 * for a failed one, remove before sending. The message is sent with the ids of the finished ones.
 */
export class UploadQueue {
  items = $state<UploadItem[]>([]);
  private next = 1;

  constructor(
    private readonly send: Sender = sendWithXhr,
    private readonly max = MAX_FILES,
  ) {}

  get ids(): string[] {
    return this.items.filter((i) => i.status === 'done' && i.id).map((i) => i.id!);
  }
  get busy(): boolean {
    return this.items.some((i) => i.status === 'uploading');
  }
  get failed(): boolean {
    return this.items.some((i) => i.status === 'failed');
  }
  get room(): number {
    return this.max - this.items.length;
  }

  /** Adds what fits (the rest is counted in the answer), and starts uploading each. */
  add(files: Iterable<File>): { added: number; leftOut: number } {
    const list = [...files];
    const taken = list.slice(0, Math.max(0, this.room));
    for (const file of taken) {
      const item: UploadItem = {
        key: this.next++,
        file,
        status: 'uploading',
        progress: 0,
        id: null,
        error: null,
        preview: SHOWABLE.test(file.type) && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null,
      };
      this.items.push(item);
      void this.start(item.key);
    }
    return { added: taken.length, leftOut: list.length - taken.length };
  }

  retry(key: number) {
    const item = this.find(key);
    if (item?.status === 'failed') void this.start(key);
  }

  remove(key: number) {
    const item = this.find(key);
    if (item?.preview) URL.revokeObjectURL(item.preview);
    this.items = this.items.filter((i) => i.key !== key);
  }

  clear() {
    for (const item of this.items) if (item.preview) URL.revokeObjectURL(item.preview);
    this.items = [];
  }

  private find(key: number): UploadItem | undefined {
    return this.items.find((i) => i.key === key);
  }

  private async start(key: number) {
    const item = this.find(key);
    if (!item) return;
    item.status = 'uploading';
    item.progress = 0;
    item.error = null;
    const answer = await this.send(item.file, (fraction) => {
      const current = this.find(key);
      if (current) current.progress = fraction;
    });
    const current = this.find(key);
    if (!current) return; // removed meanwhile
    if (answer.ok) {
      current.status = 'done';
      current.progress = 1;
      current.id = answer.id;
    } else {
      current.status = 'failed';
      current.error = answer.message;
    }
  }
}
