import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OPENAPI_NAMES, type OpenApiName } from '../../http/openapi.js';
import type { AdminContext } from '../context.js';
import { NOT_FOUND } from '../errors.js';
import { adminError } from '../schemas.js';

const FILES = OPENAPI_NAMES.map((name) => `${name}.json`);

/** The OpenAPI documents, as committed under openapi/. */
export const openapiRoutes: FastifyPluginAsyncZod<AdminContext> = async (app, { documents }) => {
  app.get(
    '/__admin/openapi/:file',
    {
      schema: {
        summary: 'An OpenAPI document: battleface.json, grow.json or admin.json',
        params: z.object({ file: z.string() }),
        response: { 200: z.record(z.string(), z.unknown()), 404: adminError('No such document.') },
      },
    },
    async (request) => {
      const { file } = request.params;
      if (!FILES.includes(file))
        throw NOT_FOUND(`No OpenAPI document ${file}; there are ${FILES.join(', ')}.`);
      return (await documents.get(file.replace(/\.json$/, '') as OpenApiName)) as Record<string, unknown>;
    },
  );
};
