// The routes bench/run.mjs loads and bench/profile.mjs profiles in-process: the same requests.
import { readFileSync } from 'node:fs';

const seedRequest = readFileSync(
  new URL('../test/fixtures/battleface-seed-request.json', import.meta.url),
  'utf8',
);
export const ROUTES = [
  {
    name: 'battleface payment/status (seed Cancelled order)',
    method: 'POST',
    path: '/api/partner/orders/1-JUN8668-D735471FA063/payment/status',
    body: seedRequest,
    status: 200,
  },
  {
    name: 'Grow authorize, unknown id (422)',
    method: 'POST',
    path: '/v1/orders/authorize',
    body: '{"id":999999}',
    status: 422,
  },
  {
    name: 'GET battleface order',
    method: 'GET',
    path: '/api/partner/orders/1-JUN8668-D735471FA063',
    status: 200,
  },
  {
    // The published preview request, its trip moved to the future so the sandbox clock accepts it.
    name: 'battleface quote preview (product 1036, 10 packages)',
    method: 'POST',
    path: '/api/partner/quote/preview',
    body: readFileSync(new URL('../fixtures/battleface/published/preview-req.json', import.meta.url), 'utf8')
      .replace('"2023-12-01"', '"2099-12-01"')
      .replace('"2023-12-15"', '"2099-12-15"')
      .replace('"2023-10-01"', '"2099-10-01"'),
    status: 200,
    since: 'f1bda65',
  },
  {
    // Each request creates an order (and the quote behind it) in one of 500 sandboxes, in turn;
    // as they fill, the memory budget evicts the least recently used idle ones, as in production.
    name: 'battleface order creation (condensed, product 1007)',
    method: 'POST',
    path: '/api/partner/orders/condensed',
    body: JSON.stringify({
      order: {
        product_id: 1007,
        start_at: '2099-03-01',
        end_at: '2099-03-13',
        deposit_at: '2099-01-15',
        destinations: ['DE'],
        host_country_state: 'AL',
        total: 22.75,
        applicants: [
          {
            first_name: 'John',
            last_name: 'Johnson',
            email: 'john@example.com',
            dob: '2074-05-01',
            trip_cost: 250,
          },
        ],
      },
    }),
    status: 201,
    tokens: 500,
    since: 'f1bda65',
  },
  {
    name: 'Grow products list (type=git, premiums calculated)',
    method: 'GET',
    path: '/v1/products?type=git&calculate_premium=1&asset_value=500000',
    status: 200,
    since: '30df748',
  },
  {
    // Each request buys a product from the wallet (debited, a policy owed) in one of 500 sandboxes.
    name: 'Grow purchase (wallet, goods in transit)',
    method: 'POST',
    path: '/v1/orders',
    body: JSON.stringify({
      product_code: 'axa-git-single',
      customer_ref: 'CUS-10043',
      policy_start_date: '2099-01-10',
      asset_value: 500000,
      trip_frequency: 'single',
      pickup_location: 'Tema',
      dropoff_location: 'Kumasi',
    }),
    status: 200,
    tokens: 500,
    since: 'ef83559',
  },
];
// Accept as Grow's docs ask: without it, Laravel (and partner-sim) redirects a failed validation.
export const HEADERS = {
  authorization: 'Bearer bench',
  'content-type': 'application/json',
  accept: 'application/json',
};
