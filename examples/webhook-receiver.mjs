// A minimal Grow webhook receiver that verifies x-curacel-signature: HMAC-SHA256 of the raw body
// bytes with the webhook secret, as Grow's PHP sample does. (Its Node sample re-serialises the
// body and escapes only "/", which fails for non-ASCII data: hash the bytes received instead.)
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.WEBHOOK_SECRET ?? 'whsec_local';
const port = Number(process.env.PORT ?? 4020);

createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const hash = createHmac('sha256', secret).update(raw).digest('hex');
    const verified = hash === req.headers['x-curacel-signature'];
    const body = JSON.parse(raw.toString('utf8'));
    console.log(`${verified ? 'verified' : 'REJECTED'} ${body.event} ${body.data.number ?? body.data.id}`);
    res.writeHead(verified ? 200 : 401).end();
  });
}).listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}/webhooks/grow`));
