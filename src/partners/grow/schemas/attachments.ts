import { z } from 'zod';

// Attachments (reference §4 /attachments; examples §25): no Curacel page; a client library fakes
// `{"attachment": {"id": 1, "description": "…"}}` for a multipart upload, another posts
// `{"file_url": …}`. The fields after `description` are INFERENCE.

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);

export const AttachmentSchema = z.strictObject({
  id: z.int().positive(),
  description: z.string().nullable(),
  file_name: z.string().nullable(),
  file_url: z.string().nullable(),
  mime_type: z.string().nullable(),
  size: z.int().nonnegative().nullable(),
  created_at: timestamp,
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const AttachmentEnvelopeSchema = z.strictObject({ attachment: AttachmentSchema });

export const AttachmentRequestSchema = z
  .object(
    {
      description: z.string({ error: 'The description must be a string.' }).max(1000).nullish(),
      file_url: z
        .url({ protocol: /^https?$/, error: 'The file url format is invalid.' })
        .max(2048, 'The file url may not be greater than 2048 characters.')
        .nullish(),
    },
    { error: 'The request body must be a JSON object or a multipart form with a file.' },
  )
  .nullish();
