import type http from 'node:http';
import busboy from 'busboy';
import express, { type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';
import { log } from '../observability/log.js';
import { isDatabaseUnavailable, serviceUnavailable } from '../shared/outage.js';
import type { FileVariant } from './files.service.js';
import { withReason } from '../shared/reasons.js';

/** Room for the multipart framing and part headers (a long file name) around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

export interface FilesRouterOptions {
  /** The request's context, as for GraphQL: viewer, scoped EntityManager, rate limit counted. */
  context: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<Context>;
  maxBytes: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 20 MB, 64 KB, 900 bytes. */
function byteSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

/**
 * `POST /files`: one multipart part named `file` → `{ id, name, size, contentType }` (photos also
 * `width`, `height`); `GET /files/:id` and `GET /files/:id/thumbnail` give it back. Answers like
 * the GraphQL endpoint: `{ errors: [{ message, extensions: { code } }] }`. busboy parses the body
 * as it streams in, so a body past the limit is refused without holding more than the limit.
 */
export function filesRouter({ context, maxBytes }: FilesRouterOptions): express.Router {
  const router = express.Router();

  router.post('/', async (req, res) => {
    try {
      // The header Apollo's CSRF prevention asks for: a browser cannot send it cross-site without a
      // CORS preflight, which this server never grants; a plain form post cannot set it at all.
      if (!req.headers['apollo-require-preflight']) {
        throw new HttpError(400, 'BAD_REQUEST', 'This request needs the header `apollo-require-preflight: true` (protection against cross-site requests).');
      }
      const ctx = await context(req, res);
      if (!ctx.viewer) throw new HttpError(401, 'UNAUTHENTICATED', 'Please sign in first.');
      if (Number(req.headers['content-length'] ?? 0) > maxBytes + MULTIPART_OVERHEAD) throw tooLarge(maxBytes);
      const upload = await readOnePart(req, maxBytes);
      const file = await ctx.services.files.upload(ctx.em, ctx.viewer, upload);
      res.status(201).json(file);
    } catch (error) {
      answerError(req, res, error);
    }
  });
  // Downloads: the session cookie, then the same visibility as what the file is attached to.
  const download = (variant: FileVariant) => async (req: Request, res: Response) => {
    try {
      const ctx = await context(req, res);
      if (!ctx.viewer) throw new HttpError(401, 'UNAUTHENTICATED', 'Please sign in first.');
      const file = await ctx.services.files.serve(ctx.em, ctx.viewer, String(req.params.id), variant);
      const etag = `"${file.etag}"`;
      res.set({
        // The bytes behind an id never change; only the viewer's browser may keep them, for an hour,
        // and it asks again (with the session) after that.
        'cache-control': 'private, max-age=3600',
        vary: 'Cookie',
        etag,
        // Opened on its own, a file is inert: no script, no plugin, nothing loaded beside it.
        'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'",
        'cross-origin-resource-policy': 'same-origin',
        'content-disposition': contentDisposition(file.document ? 'attachment' : 'inline', file.name),
      });
      if (req.headers['if-none-match'] === etag) {
        res.status(304).end();
        return;
      }
      res.status(200).type(file.contentType).send(file.bytes);
    } catch (error) {
      answerError(req, res, error);
    }
  };
  router.get('/:id', download('display'));
  router.get('/:id/thumbnail', download('thumbnail'));

  router.all('/', (_req, res) => {
    res
      .status(405)
      .set('allow', 'POST')
      .json({ errors: [{ message: 'Upload with POST.', extensions: withReason({ code: 'METHOD_NOT_ALLOWED' }) }] });
  });
  return router;
}

/** RFC 6266: an ASCII fallback and the real name in UTF-8. */
function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

const tooLarge = (maxBytes: number) => new HttpError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${byteSize(maxBytes)}.`, {}, { maxBytes });
const onePart = () => new HttpError(400, 'BAD_REQUEST', 'Send exactly one file, in the multipart field `file`.');

/** The one file part's name and bytes; refuses anything else in the body, at the first sign of it. */
function readOnePart(req: Request, maxBytes: number): Promise<{ name: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // Browsers send the file name as raw UTF-8 (busboy's default reading is latin1).
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: maxBytes, files: 1, fields: 0 } });
    } catch {
      reject(new HttpError(400, 'BAD_REQUEST', 'Send the file as multipart/form-data, in the field `file`.'));
      return;
    }
    let settled = false;
    let file: { name: string; bytes: Buffer } | null = null;
    const refuse = (error: HttpError) => {
      if (settled) return;
      settled = true;
      // Whatever else the client sends is not wanted: no more parsing, and the answer closes the connection.
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') {
        stream.resume();
        refuse(new HttpError(400, 'BAD_REQUEST', 'The file must be sent in the multipart field `file`.'));
        return;
      }
      const chunks: Buffer[] = [];
      // A cut-off body fails the part as well as the parser; the parser's error answers it.
      stream.on('error', () => {});
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        chunks.length = 0;
        refuse(tooLarge(maxBytes));
      });
      stream.on('end', () => {
        if (!stream.truncated) file = { name: info.filename, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('filesLimit', () => refuse(onePart()));
    parser.on('fieldsLimit', () => refuse(onePart()));
    parser.on('error', () =>
      refuse(new HttpError(400, 'BAD_REQUEST', 'The multipart body is malformed, or a part’s headers (its file name) are longer than 16 KB.')),
    );
    // busboy closes once every part has ended.
    parser.on('close', () => {
      if (settled) return;
      if (!file) return refuse(onePart());
      settled = true;
      resolve(file);
    });
    req.on('close', () => {
      if (!req.complete) refuse(new HttpError(400, 'BAD_REQUEST', 'The upload was interrupted.'));
    });
    req.pipe(parser);
  });
}

function answerError(req: Request, res: Response, error: unknown) {
  if (res.headersSent) return;
  // Node would otherwise read an unwanted body to its end to keep the connection.
  if (!req.complete) res.set('connection', 'close');
  if (error instanceof HttpError) {
    res
      .status(error.status)
      .set(error.headers)
      .json({ errors: [{ message: error.message, extensions: withReason({ code: error.code, ...error.extra }) }] });
    return;
  }
  const graphqlError = error instanceof GraphQLError ? error : isDatabaseUnavailable(error) ? serviceUnavailable() : null;
  if (graphqlError) {
    // Domain errors (a refused type) and the context's own (429, 503) keep their code and message.
    const { http: status, ...extensions } = graphqlError.extensions as { http?: { status?: number; headers?: Map<string, string> } } & Record<string, unknown>;
    const code = extensions.code as string | undefined;
    const httpStatus = status?.status ?? (code === 'UNAUTHENTICATED' ? 401 : code === 'NOT_FOUND' ? 404 : code === 'FORBIDDEN' ? 403 : 400);
    for (const [name, value] of status?.headers ?? []) res.set(name, value);
    res.status(httpStatus).json({ errors: [{ message: graphqlError.message, extensions: withReason({ ...extensions, code: code ?? 'BAD_REQUEST' }) }] });
    return;
  }
  log.error({ err: error, requestId: req.headers['x-request-id'] }, 'Upload failed');
  res.status(500).json({ errors: [{ message: 'Internal server error.', extensions: withReason({ code: 'INTERNAL_SERVER_ERROR' }) }] });
}
