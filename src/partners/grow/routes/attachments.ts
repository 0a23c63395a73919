import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { formatSeconds } from '../../../lib/clock.js';
import { ATTACHMENT_NOT_FOUND, GrowError, INVALID_DATA } from '../errors.js';
import { MAX_UPLOAD_BYTES } from '../form-bodies.js';
import type { GrowDocs } from '../openapi.js';
import type { GrowStores } from '../records.js';
import { AttachmentEnvelopeSchema, AttachmentRequestSchema } from '../schemas/attachments.js';
import { idFromPath, OrderIdParamsSchema } from '../schemas/orders.js';

const FILE_REQUIRED = 'The file field is required when file url is not present.';
const FILE_TOO_LARGE = `The file must not be greater than ${MAX_UPLOAD_BYTES / 1024} kilobytes.`;

/**
 * Documents for claims and orders (reference §4 /attachments): the id that `attachments` arrays
 * name. A multipart file (any part name, as one client sends a random one) or a `file_url`. The
 * file's bytes are counted and described, not kept: the simulator never serves them back.
 */
export const attachmentRoutes: FastifyPluginAsyncZod<{ docs: GrowDocs }> = async (app, { docs }) => {
  const { documented, errorResponse } = docs;

  app.post(
    '/attachments',
    {
      schema: {
        summary: 'Upload a document',
        description:
          'A `multipart/form-data` body with one file (and an optional `description`), or `{"file_url": …}`. Answers the id claims and orders reference. No Curacel page shows the answer (INFERENCE: 201 `{"attachment": …}`, as a client library fakes it).',
        body: documented(AttachmentRequestSchema, {
          examples: [{ file_url: 'https://example.com/receipt.pdf', description: 'Repair receipt' }],
        }),
        response: {
          201: documented(AttachmentEnvelopeSchema, { description: 'Created' }),
          422: errorResponse('No file and no file_url, a file over 10 MB, or an invalid URL.', {
            message: INVALID_DATA,
            errors: { file: [FILE_REQUIRED] },
          }),
          ...docs.common,
        },
      },
    },
    (request, reply) => {
      const sandbox = servingSandbox<GrowStores>(request);
      const records = sandbox.stores.grow;
      const [file] = request.uploadedFiles ?? [];
      const fileUrl = request.body?.file_url ?? null;
      if (!file && fileUrl === null) {
        return sendFailure(reply, new GrowError(422, INVALID_DATA, { file: [FILE_REQUIRED] }));
      }
      if (file?.tooLarge)
        return sendFailure(reply, new GrowError(422, INVALID_DATA, { file: [FILE_TOO_LARGE] }));
      const attachment = {
        id: records.next_attachment_id.peek(),
        description: request.body?.description ?? null,
        file_name: file ? file.filename : new URL(fileUrl as string).pathname.split('/').pop() || null,
        file_url: file ? null : fileUrl,
        mime_type: file ? file.mimeType : null,
        size: file ? file.size : null,
        created_at: formatSeconds(sandbox.clock.now()),
      };
      records.attachments.save(attachment, { checked: true });
      records.next_attachment_id.take();
      reply.code(201);
      return { attachment };
    },
  );

  app.get(
    '/attachments/:id',
    {
      schema: {
        summary: 'Get an attachment',
        description: 'What was uploaded (its description, name, size); the bytes are not kept.',
        params: OrderIdParamsSchema,
        response: {
          200: documented(AttachmentEnvelopeSchema, { description: 'OK' }),
          ...docs.common,
          404: errorResponse('No attachment with this id in your sandbox.', ATTACHMENT_NOT_FOUND().body),
        },
      },
    },
    (request, reply) => {
      const id = idFromPath(request.params.id);
      const attachment =
        id === undefined ? undefined : servingSandbox<GrowStores>(request).stores.grow.attachments.find(id);
      if (!attachment) return sendFailure(reply, ATTACHMENT_NOT_FOUND());
      return { attachment };
    },
  );
};
