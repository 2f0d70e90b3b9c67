/** What `POST /files` answers. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

export type UploadProblem =
  | { code: 'tooLarge'; maxBytes: number | null; message: string }
  | { code: 'wrongType' | 'empty' | 'unauthenticated' | 'tooSoon' | 'network' | 'unknown'; message: string };

export type Uploaded = { file: UploadedFile } | { problem: UploadProblem };

interface ErrorBody {
  errors?: { message?: string; extensions?: { code?: string; maxBytes?: number; field?: string } }[];
}

/** An upload's refusal in terms the page can say in the viewer's language; the server's words kept. */
export function uploadProblemOf(status: number, body: unknown): UploadProblem {
  const first = (body as ErrorBody | null)?.errors?.[0];
  const message = first?.message ?? '';
  const code = first?.extensions?.code;
  if (status === 413 || code === 'PAYLOAD_TOO_LARGE') {
    const maxBytes = first?.extensions?.maxBytes;
    return { code: 'tooLarge', maxBytes: typeof maxBytes === 'number' ? maxBytes : null, message };
  }
  if (status === 401 || code === 'UNAUTHENTICATED') return { code: 'unauthenticated', message };
  if (status === 429 || code === 'TOO_MANY_REQUESTS' || code === 'TOO_MANY_ATTEMPTS') return { code: 'tooSoon', message };
  if (code === 'BAD_USER_INPUT' && first?.extensions?.field === 'file') {
    // The service says "The file is empty." or names the kinds it accepts.
    return { code: /empty/i.test(message) ? 'empty' : 'wrongType', message };
  }
  return { code: 'unknown', message };
}

/**
 * Sends one file to the file store. The preflight header is the one Apollo's CSRF prevention
 * accepts: a cross-site form cannot set it, so the endpoint refuses requests without it.
 */
export async function uploadFile(file: File, fetchImpl: typeof fetch = fetch): Promise<Uploaded> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetchImpl('/files', { method: 'POST', body: form, credentials: 'same-origin', headers: { 'apollo-require-preflight': 'true' } });
  } catch (error) {
    return { problem: { code: 'network', message: error instanceof Error ? error.message : '' } };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && body && typeof (body as UploadedFile).id === 'string') return { file: body as UploadedFile };
  return { problem: uploadProblemOf(response.status, body) };
}

/** 20 MB, 64 KB, 900 B. */
export function byteSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} B`;
}
