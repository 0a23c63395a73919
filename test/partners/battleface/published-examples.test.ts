import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.js';
import { battlefaceOrder } from '../../support/battleface-orders.js';
import { bundledProducts, publishedExample } from '../../support/battleface-products.js';
import { ManualClock } from '../../support/clock.js';
import { scriptedIds } from '../../support/ids.js';

// Every complete published battleface example, reproduced byte for byte from the fixtures with
// the example's inputs, the sandbox clock at the example's time and the example's ids; truncated
// ones as far as the page shows them.

const json = (file: string) => JSON.parse(publishedExample(file));

describe('the published battleface examples', () => {
  it('Create Dynamic Quotation: 201 with the saved quote', async () => {
    const sim = await testApp({
      products: bundledProducts(),
      clock: new ManualClock('2022-12-08T03:12:12.000Z'),
      deps: { ids: scriptedIds({ hex: ['6391fefbeb0b304375052e72', '14099'] }) },
    });

    const response = await sim.request({
      method: 'POST',
      url: '/api/partner/quote/dynamic',
      payload: {
        program_id: 10,
        host_country_state: 'AL',
        start_date: '2022-12-12',
        end_date: '2022-12-24',
        deposit_date: '2022-12-01',
        currency: 'USD',
        destinations: ['DE'],
        applicants: [{ is_main: true, age: 24, trip_cost: 250 }],
        affiliate: '1',
      },
    });

    expect(response.statusCode).toBe(201);
    expect(response.body).toBe(publishedExample('dynquote-201.json'));
  });

  it('Quotation Preview: 200, as far as the page shows, priced 984.96', async () => {
    const sim = await testApp({
      products: bundledProducts(),
      clock: new ManualClock('2023-10-01T09:00:00.000Z'),
    });

    const response = await sim.request({
      method: 'POST',
      url: '/api/partner/quote/preview',
      payload: json('preview-req.json'),
    });

    expect(response.statusCode).toBe(200);
    expect(response.body.startsWith(publishedExample('preview-200.partial'))).toBe(true);
    expect(response.json().data.quoted_price).toBe(984.96);
  });

  it('Dynamic Order: 201 Pending, as far as the page shows', async () => {
    const sim = await testApp({
      products: bundledProducts(),
      clock: new ManualClock('2022-12-01T16:48:51.318Z'),
      deps: {
        ids: scriptedIds({
          hex: ['6388da3cf57124e1a8016b12'],
          uuid: [
            '9d2c1a7e-6b1f-4c55-804d-3a6d1bc7c2e7',
            '05725351-0ccb-4685-9648-407dba3e552d',
            'a45185d7-c339-436c-a229-7baa114e7f12',
            'a3495872-54ee-4935-a31f-b239ab7338db',
            'fd3c725f-e243-4212-aabc-686a89251ace',
            'cbdd1c56-e53f-402e-9095-60860a9e1b59',
          ],
        }),
      },
    });

    const response = await sim.request({
      method: 'POST',
      url: '/api/partner/orders/condensed/dynamic',
      payload: {
        order: {
          program_id: 10,
          host_country_state: 'AL',
          start_at: '2022-12-05',
          end_at: '2022-12-15',
          deposit_at: '2022-07-09',
          destinations: ['GE'],
          details: [{ type: 'package', product_package_id: 'base_package' }],
          applicants: [
            {
              first_name: 'John',
              middle_name: 'John',
              last_name: 'Johnson',
              email: 'john.johnson@example.com',
              dob: '1997-01-05',
              trip_cost: 1,
              beneficiary: {
                first_name: 'John',
                middle_name: 'John',
                last_name: 'Doe',
                email: 'mail@example.com',
              },
            },
          ],
        },
      },
    });

    expect(response.statusCode).toBe(201);
    expect(response.body.startsWith(publishedExample('dynorder-201.partial'))).toBe(true);
  });

  it('Payment Charge: 200 with the payment object, and the order Approved', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({
      battleface: [order],
      clock: new ManualClock('2022-12-01T16:50:00.000Z'),
      deps: {
        ids: scriptedIds({
          alphanumeric: ['3MAHxPEeHpjs5LRo0LAeEOJV'],
          hex: ['b184dffab372bea2a7694bd7cda39c78', '15ec31d3048456084acc9dc0f7faaca2'],
        }),
      },
    });

    const response = await sim.request({
      method: 'POST',
      url: `/api/partner/orders/${order.order_number}/payment/charge`,
      payload: json('charge-req.json'),
    });
    const read = await sim.request({ method: 'GET', url: `/api/partner/orders/${order.order_number}` });

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(publishedExample('charge-200.json'));
    expect(read.json().data.status).toBe('Approved');
  });

  it('Payment Intent: 200 with the intent, the order still Pending', async () => {
    const order = battlefaceOrder();
    const sim = await testApp({
      battleface: [order],
      deps: {
        ids: scriptedIds({
          alphanumeric: ['3MAHwMEeHpjs5LRo15IXvxlS', '6YCwSKGcYLml9ahaOcFcmbvW2'],
          hex: ['b184dffab372bea2a7694bd7cda39c78', '15ec31d3048456084acc9dc0f7faaca2'],
        }),
      },
    });

    const response = await sim.request({
      method: 'GET',
      url: `/api/partner/orders/${order.order_number}/payment/intent`,
    });
    const read = await sim.request({ method: 'GET', url: `/api/partner/orders/${order.order_number}` });

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(publishedExample('intent-200.json'));
    expect(read.json().data.status).toBe('Pending');
  });

  it.each([
    ['Host Countries', '/api/partner/product/1001/host-countries', 'hostcountries-gw-200.json'],
    [
      'Host Country State (by code)',
      '/api/partner/product/1001/host-countries/AU/states',
      'hostcountrystate-200.json',
    ],
    [
      'Host Country State (by id)',
      '/api/partner/product/1001/host-countries/12637/states',
      'hostcountrystate-200.json',
    ],
    ['Countries', '/api/partner/product/1001/countries', 'countries-200.json'],
  ])('%s: 200 as published', async (_name, url, file) => {
    const sim = await testApp({ products: bundledProducts() });

    const response = await sim.request({ method: 'GET', url });

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(publishedExample(file));
  });
});
