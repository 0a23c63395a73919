import busboy from 'busboy';
import type { FastifyInstance } from 'fastify';
import qs from 'qs';

/** Fields a form may carry, and how deep its `a[b][c]` keys may nest: far above any Grow body. */
const FORM_LIMITS = { fields: 1000, depth: 5, fieldSize: 64 * 1024 } as const;

/** A file of a multipart body, as Laravel's `$request->file()` sees it; its bytes are counted, not kept. */
export interface UploadedFile {
  field: string;
  filename: string;
  mimeType: string;
  size: number;
  /** Larger than MAX_UPLOAD_BYTES: the rest was not read. */
  tooLarge: boolean;
}

/** Laravel's common `max:10240` (kilobytes) for an upload. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** The files of a multipart body (none for other bodies). */
    uploadedFiles: UploadedFile[] | undefined;
  }
}

/** A form that cannot be read (a malformed multipart stream, too many fields). */
class FormError extends Error {
  readonly statusCode = 400;
}

/** PHP's reading of form keys (`proof_of_address[type]=…` is a nested field), as Laravel's input. */
const parseForm = (text: string) =>
  qs.parse(text, {
    depth: FORM_LIMITS.depth,
    parameterLimit: FORM_LIMITS.fields,
    arrayLimit: 100,
    allowPrototypes: false,
  });

/**
 * Laravel reads form-urlencoded and multipart bodies like JSON ones, and merges the query string
 * into the input (`$request->input()`, the body winning). The reference documents multipart for
 * customers (reference §4 /customers). Files in a multipart body are counted and described on
 * `request.uploadedFiles`; their bytes are discarded, so an upload costs no memory.
 */
export function readLaravelInput(app: FastifyInstance): void {
  app.decorateRequest('uploadedFiles', undefined);
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request, body, done) => {
      const text = body.toString();
      request.receivedBody = text;
      done(null, parseForm(text));
    },
  );
  app.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    let form: busboy.Busboy;
    try {
      form = busboy({
        headers: request.headers as busboy.BusboyConfig['headers'],
        limits: {
          fields: FORM_LIMITS.fields,
          fieldSize: FORM_LIMITS.fieldSize,
          files: 10,
          fileSize: MAX_UPLOAD_BYTES,
        },
      });
    } catch {
      // No boundary: as PHP, no input (see fail below).
      payload.resume();
      done(null, {});
      return;
    }
    const pairs = new URLSearchParams();
    let failed = false;
    // PHP reads a broken multipart body as no input: the route's validation then names what is
    // missing, as Laravel's 422 would. Only too many fields is refused outright.
    const fail = (message: string | undefined) => {
      if (failed) return;
      failed = true;
      if (message === undefined) done(null, {});
      else done(new FormError(message), undefined);
    };
    form.on('field', (name, value) => pairs.append(name, value));
    const files: UploadedFile[] = [];
    form.on('file', (field, file, info) => {
      const upload: UploadedFile = {
        field,
        filename: (info.filename ?? '').slice(0, 255),
        mimeType: info.mimeType,
        size: 0,
        tooLarge: false,
      };
      files.push(upload);
      file.on('data', (chunk: Buffer) => {
        upload.size += chunk.length;
      });
      file.on('limit', () => {
        upload.tooLarge = true;
      });
      file.resume();
    });
    form.on('fieldsLimit', () => fail(`The form has more than ${FORM_LIMITS.fields} fields.`));
    form.on('error', () => fail(undefined));
    form.on('close', () => {
      if (failed) return;
      const text = pairs.toString();
      request.receivedBody = text;
      request.uploadedFiles = files;
      done(null, parseForm(text));
    });
    payload.pipe(form);
  });
  // The query string is part of the input, under the body (`$request->input()`).
  app.addHook('preValidation', (request, _reply, done) => {
    const body = request.body;
    const query = request.query as Record<string, unknown> | undefined;
    if (
      query &&
      Object.keys(query).length > 0 &&
      request.method !== 'GET' &&
      (body === undefined || isPlainObject(body))
    ) {
      request.body = { ...query, ...(body as Record<string, unknown> | undefined) };
    }
    done();
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
