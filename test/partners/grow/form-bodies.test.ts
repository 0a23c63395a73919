import { describe, expect, it } from 'vitest';
import { storesOf, TOKEN, testApp } from '../../support/app.js';
import { growOrder } from '../../support/grow-orders.js';

// Laravel reads form-urlencoded and multipart bodies like JSON, and the query string as input.

const BOUNDARY = '----partner-sim-test';

function multipart(fields: Record<string, string>): string {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const file = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="proof"; filename="bill.png"\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n`;
  return `${parts.join('')}${file}--${BOUNDARY}--\r\n`;
}

describe('Grow input, as Laravel reads it', () => {
  it('creates a customer from a multipart form, nested keys included, its file set aside', async () => {
    const sim = await testApp();

    const response = await sim.request({
      method: 'POST',
      url: '/v1/customers',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipart({
        first_name: 'Zoë',
        last_name: 'Doe',
        email: 'zoe@example.com',
        ref: 'CUS-M1',
        'proof_of_address[type]': 'Electricity bill',
        'proof_of_address[url]': 'https://example.com/bill.png',
      }),
    });
    const read = await sim.request({ method: 'GET', url: '/v1/customers/CUS-M1' });

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ ref: 'CUS-M1', first_name: 'Zoë', email: 'zoe@example.com' });
    expect(read.json().data.first_name).toBe('Zoë');
  });

  it('reads a form-urlencoded authorize, and the query string as input under the body', async () => {
    const sim = await testApp({ grow: [growOrder({ id: 10 }), growOrder({ id: 11 })] });

    const form = await sim.request({
      method: 'POST',
      url: '/v1/orders/authorize',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'id=10',
    });
    const query = await sim.request({ method: 'POST', url: '/v1/orders/authorize?id=11', payload: {} });

    expect([form.statusCode, form.json().order.status]).toEqual([200, 'paid']);
    expect([query.statusCode, query.json().order.id]).toEqual([200, 11]);
  });

  it('reads a broken multipart body as no input, as PHP does: a 422, nothing created', async () => {
    const sim = await testApp();

    const response = await sim.request({
      method: 'POST',
      url: '/v1/customers',
      headers: { 'content-type': 'multipart/form-data' },
      payload: 'not a form',
    });

    // As PHP: a broken multipart body is no input, and validation says what is missing.
    expect([response.statusCode, response.json()]).toEqual([
      422,
      {
        message: 'The given data was invalid',
        errors: {
          first_name: ['The first name field is required.'],
          last_name: ['The last name field is required.'],
          email: ['The email field is required.'],
        },
      },
    ]);
    expect(storesOf(sim.app, TOKEN).grow.customers.size).toBe(0);
  });
});
