import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AnyPartnerModule } from '../../partners/module.js';
import { NOT_FOUND } from '../errors.js';

/** Nothing but this origin's own scripts, styles and calls: the page renders data as text only. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/**
 * The QA dashboard at /__admin/ui: a server-rendered shell, one vanilla ES module and a
 * stylesheet, plus each partner's own module (PartnerModule.dashboard). No build step: the
 * assets are text in modules imported on the first request for them, so start-up loads nothing
 * of the dashboard. Hidden from the control plane's document, as /docs is: they are pages, not
 * API. Open without X-Admin-Token (see hooks.ts): the shell holds no data.
 */
export function serveDashboard(app: FastifyInstance, partners: readonly AnyPartnerModule[]): void {
  const withDashboards = partners.filter((partner) => partner.dashboard !== undefined);
  const send = (reply: FastifyReply, type: keyof typeof TYPES, body: string) =>
    reply.headers(SECURITY_HEADERS).type(TYPES[type]).send(body);

  app.get('/__admin/ui', { schema: { hide: true } }, async (_request, reply) => {
    const { dashboardShell } = await import('./shell.js');
    return send(
      reply,
      'html',
      dashboardShell(
        partners.map((partner) => partner.name),
        withDashboards.map((partner) => partner.name),
      ),
    );
  });
  app.get('/__admin/ui/app.js', { schema: { hide: true } }, async (_request, reply) => {
    const { APP_SCRIPT } = await import('./app-script.js');
    return send(reply, 'js', APP_SCRIPT);
  });
  app.get('/__admin/ui/app.css', { schema: { hide: true } }, async (_request, reply) => {
    const { APP_STYLE } = await import('./app-style.js');
    return send(reply, 'css', APP_STYLE);
  });
  app.get<{ Params: { file: string } }>(
    '/__admin/ui/partners/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const partner = withDashboards.find((candidate) => `${candidate.name}.js` === request.params.file);
      if (!partner?.dashboard)
        throw NOT_FOUND(
          `No dashboard script ${request.params.file}: the partners with one are ${withDashboards
            .map((candidate) => `${candidate.name}.js`)
            .join(', ')}.`,
        );
      return send(reply, 'js', await partner.dashboard());
    },
  );
}
