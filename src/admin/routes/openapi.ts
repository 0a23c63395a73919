import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AdminContext } from '../context.js';
import { NOT_FOUND } from '../errors.js';

/** The OpenAPI documents, as committed under openapi/. */
export const openapiRoutes: FastifyPluginAsyncZod<AdminContext> = async (app, { documents, docs }) => {
  const FILES = documents.names.map((name) => `${name}.json`);
  app.get(
    '/__admin/openapi/:file',
    {
      schema: {
        summary: `An OpenAPI document: ${FILES.slice(0, -1).join(', ')} or ${FILES.at(-1)}`,
        params: z.object({ file: z.string() }),
        response: { 200: z.record(z.string(), z.unknown()), 404: docs.error('No such document.') },
      },
    },
    async (request) => {
      const { file } = request.params;
      if (!FILES.includes(file))
        throw NOT_FOUND(`No OpenAPI document ${file}; there are ${FILES.join(', ')}.`);
      return (await documents.get(file.replace(/\.json$/, '') as string)) as Record<string, unknown>;
    },
  );
};
