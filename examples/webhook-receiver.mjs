// A minimal Grow webhook receiver that verifies x-curacel-signature the way Grow's docs describe:
// re-serialise the JSON body, escape "/" as "\/", HMAC-SHA256 it with the webhook secret.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.WEBHOOK_SECRET ?? 'whsec_local';
const port = Number(process.env.PORT ?? 4020);

createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => {
    raw += chunk;
  });
  req.on('end', () => {
    const body = JSON.parse(raw);
    const hash = createHmac('sha256', secret)
      .update(JSON.stringify(body).replace(/\//g, '\\/'))
      .digest('hex');
    const verified = hash === req.headers['x-curacel-signature'];
    console.log(`${verified ? 'verified' : 'REJECTED'} ${body.event} ${body.data.number ?? body.data.id}`);
    res.writeHead(verified ? 200 : 401).end();
  });
}).listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}/webhooks/grow`));
