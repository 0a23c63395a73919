import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type DocMeta, documentRoutes, SIMULATOR_SERVERS } from '../../../src/http/openapi.js';
import { partnerPipeline } from '../../../src/http/partner-plugin.js';
import { classifyFailure, sendFailure } from '../../../src/http/request-errors.js';
import { servingSandbox } from '../../../src/http/sandbox-auth.js';
import type { PartnerModule, PartnerPluginOptions } from '../../../src/partners/module.js';
import { collection, declareRecords, type RecordsOf } from '../../../src/sandbox/records.js';

// A tiny partner that exists only to prove the registry: one collection (widgets), two routes,
// its own error envelope `{"fault": …}`, registered by a test without touching anything outside
// this folder.

const WidgetSchema = z.strictObject({ id: z.string(), active: z.boolean() });
type Widget = z.infer<typeof WidgetSchema>;
type Seed = ReadonlyMap<string, Widget>;
const widgetRecords = declareRecords({
  widgets: collection(WidgetSchema, {
    keyName: 'id',
    keyOf: (widget: Widget) => widget.id,
    noun: 'The widget',
  }),
});
export type WidgetStores = { widgets: RecordsOf<typeof widgetRecords.fields> };

class WidgetError extends Error {
  readonly body: { fault: string };
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.body = { fault: message };
  }
}
const NOT_FOUND = new WidgetError(404, 'No such widget.');
const UNAUTHENTICATED = new WidgetError(401, 'Who are you?');

const docs = z.registry<DocMeta>();
const ErrorSchema = z.strictObject({ fault: z.string() });
const envelope = z.strictObject({ widget: WidgetSchema });

const errorHandler = (
  error: Error,
  request: Parameters<PartnerModule['errorHandler']>[1],
  reply: Parameters<PartnerModule['errorHandler']>[2],
) => {
  if (error instanceof WidgetError) return reply.code(error.statusCode).send(error.body);
  const failure = classifyFailure(error, request.headers['content-type']);
  const status = failure.kind === 'client-error' || failure.kind === 'over-budget' ? failure.status : 400;
  return reply.code(status).send({ fault: 'message' in failure ? failure.message : failure.kind });
};

const plugin: FastifyPluginAsyncZod<PartnerPluginOptions> = async (
  app,
  { sandboxes, journal, documents },
) => {
  if (documents) {
    documentRoutes(app, documents, {
      name: 'widgets',
      title: 'Widgets (test partner)',
      description: 'A partner that exists only in a test.',
      servers: SIMULATOR_SERVERS,
      components: docs,
      secured: true,
    });
  }
  partnerPipeline(app, {
    partner: 'widgets',
    sandboxes,
    journal,
    unauthenticated: () => UNAUTHENTICATED,
    errorHandler,
    notFoundHandler: (_request, reply) => reply.code(404).send({ fault: 'No such route.' }),
    faults: {
      errorBody: (status) => ({ fault: `Injected ${status}.` }),
      malformedBody: '{"widget":',
      badHeader: (message) => new WidgetError(400, message),
      resourceOf: (request) => (request.params as { id?: string }).id,
    },
  });
  const params = z.object({ id: z.string() });
  const response = { 200: envelope, 404: ErrorSchema, 401: ErrorSchema, 400: ErrorSchema, 503: ErrorSchema };
  app.get('/widgets/:id', { schema: { params, response } }, (request, reply) => {
    const widget = servingSandbox<WidgetStores>(request).stores.widgets.widgets.find(request.params.id);
    return widget ? { widget } : sendFailure(reply, NOT_FOUND);
  });
  app.post('/widgets/:id/activate', { schema: { params, response } }, (request, reply) => {
    const { widgets } = servingSandbox<WidgetStores>(request).stores.widgets;
    const widget = widgets.find(request.params.id);
    if (!widget) return sendFailure(reply, NOT_FOUND);
    const active = { ...widget, active: true };
    widgets.save(active);
    return { widget: active };
  });
};

export const widgets: PartnerModule<Seed, typeof widgetRecords.fields, object, WidgetStores> = {
  name: 'widgets',
  prefixes: ['/widgets-api'],
  loadSeed: () => new Map([['w1', { id: 'w1', active: false }]]),
  describeSeed: (seed) => `${seed.size} widgets`,
  records: widgetRecords,
  recordsBase: (seed) => ({ widgets: seed }),
  plugin,
  errorHandler,
  resourceOf: (request) => (request.params as { id?: string }).id,
};
