import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { baseUrlOf } from '../../../http/base-url.js';
import { sendFailure } from '../../../http/request-errors.js';
import { servingSandbox } from '../../../http/sandbox-auth.js';
import { type NoteKind, noteMatches, notesOf, stableAccount } from '../domain/notes.js';
import { pageRequest, paginate } from '../domain/pagination.js';
import { BAD_REQUEST, GrowError } from '../errors.js';
import type { GrowDocs } from '../openapi.js';
import type { GrowStores } from '../records.js';
import {
  CreditNoteEnvelopeSchema,
  CreditNoteListSchema,
  DebitNoteEnvelopeSchema,
  DebitNoteListSchema,
  NoteParamsSchema,
  NoteQuerySchema,
} from '../schemas/notes.js';

interface NoteRoutes {
  kind: NoteKind;
  path: string;
  noun: string;
  list: z.ZodType;
  single: z.ZodType;
}

const KINDS: NoteRoutes[] = [
  {
    kind: 'credit',
    path: '/credit-notes',
    noun: 'credit note',
    list: CreditNoteListSchema,
    single: CreditNoteEnvelopeSchema,
  },
  {
    kind: 'debit',
    path: '/debit-notes',
    noun: 'debit note',
    list: DebitNoteListSchema,
    single: DebitNoteEnvelopeSchema,
  },
];

/**
 * Credit and debit notes (reference §4; examples §26, §27), made from the sandbox's orders and
 * refunds (domain/notes.ts): a list with `status` (pending, active), `insurer` (code or name) and
 * pages of 15, and one note by its code.
 */
export const noteRoutes: FastifyPluginAsyncZod<{ docs: GrowDocs }> = async (app, { docs }) => {
  const { documented, errorResponse } = docs;
  for (const { kind, path, noun, list, single } of KINDS) {
    const notFound = new GrowError(404, `${noun[0]?.toUpperCase()}${noun.slice(1)} not found`);
    app.get(
      path,
      {
        schema: {
          summary: `List ${noun}s`,
          description:
            kind === 'debit'
              ? "One per paid order: the premium the partner owes, payable to the insurer's collection account; `pending` until the policy is issued, then `active` (INFERENCE)."
              : 'One per paid order: the premium credited to the insurer for the policy; `pending` until the policy is issued, then `active` (INFERENCE).',
          querystring: NoteQuerySchema,
          response: {
            200: documented(list, { description: 'OK' }),
            ...docs.common,
            400: errorResponse(
              'An unknown status, an unusable per_page (1 to 100), or X-Sim header.',
              BAD_REQUEST().body,
            ),
          },
        },
      },
      (request, reply) => {
        const { status, insurer } = request.query;
        const page = pageRequest(request.query, 15);
        if (!page || (status !== undefined && status !== 'pending' && status !== 'active')) {
          return sendFailure(reply, BAD_REQUEST());
        }
        const notes = sandboxNotes(servingSandbox<GrowStores>(request).stores, kind).filter((note) =>
          noteMatches(note, { status, insurer }),
        );
        return paginate(notes, page, `${baseUrlOf(request)}${request.routeOptions.url}`);
      },
    );

    app.get(
      `${path}/:code`,
      {
        schema: {
          summary: `Retrieve a single ${noun}`,
          params: NoteParamsSchema,
          response: {
            200: documented(single, { description: 'OK' }),
            ...docs.common,
            404: errorResponse(`No ${noun} with this code in your sandbox.`, notFound.body),
          },
        },
      },
      (request, reply) => {
        const note = sandboxNotes(servingSandbox<GrowStores>(request).stores, kind).find(
          (candidate) => candidate.code === request.params.code,
        );
        if (!note) return sendFailure(reply, notFound);
        return { data: note };
      },
    );
  }
};

/** The notes of a sandbox's orders, each debit note payable to its insurer's collection account. */
function sandboxNotes(stores: GrowStores, kind: NoteKind) {
  const products = stores.growCatalogue.products;
  return notesOf(kind, stores.grow.orders.list(), (order) => {
    const product = products.find((candidate) => candidate.code === order.product.code);
    return product?.insurer.collection_account ?? stableAccount(order.product.insurer.code);
  });
}
