// The ceiling for Node here: Fastify answering the same bytes as partner-sim, with no validation,
// no state and no logging. Started by bench/run.mjs exactly like partner-sim (a child process).
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const seed = (name) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');
const PAYMENT = seed('battleface-seed-response.json');
const ID_INVALID = seed('grow-seed-422.json');

const app = Fastify({ logger: false });
const json = (reply, status, body) =>
  reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
app.post('/api/partner/orders/:order_number/payment/status', (_request, reply) => json(reply, 200, PAYMENT));
app.get('/api/partner/orders/:order_number', (_request, reply) => json(reply, 200, PAYMENT));
app.post('/v1/orders/authorize', (_request, reply) => json(reply, 422, ID_INVALID));
app.get('/__admin/health', (_request, reply) => json(reply, 200, '{"status":"ok"}'));
// Routes whose bytes bench/run.mjs took from partner-sim (BARE_BODIES: "<METHOD> <path>" → answer).
const captured = process.env.BARE_BODIES ? JSON.parse(readFileSync(process.env.BARE_BODIES, 'utf8')) : {};
for (const [route, { status, body }] of Object.entries(captured)) {
  const [method, target] = route.split(' ');
  const url = target.split('?')[0];
  app.route({ method, url, handler: (_request, reply) => json(reply, status, body) });
}

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 4011) });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
