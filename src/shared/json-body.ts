import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies as the partners' frameworks read them: an empty body is no body (so a bodiless
 * `POST …/cancel` sent with a JSON content type works), and `__proto__`/`constructor` keys are
 * dropped rather than merged into anything.
 */
export function useJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('remove', 'remove');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
