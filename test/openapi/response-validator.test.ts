import { describe, expect, it } from 'vitest';
import { assertDocumentedResponse } from '../support/openapi-responses.js';

describe('the response check every test request goes through', () => {
  it('accepts a documented body', () => {
    expect(() =>
      assertDocumentedResponse('GET', '/api/partner/orders/X', 404, '{"error":"Order not found."}'),
    ).not.toThrow();
  });

  it('names the route, the status and the field of a body that breaks the document', () => {
    expect(() =>
      assertDocumentedResponse('POST', '/api/v1/orders/authorize', 200, '{"order":{"id":"2"}}'),
    ).toThrow(
      /^POST \/v1\/orders\/authorize → 200: response does not match openapi\/grow\.json: .*\/order\/id must be integer/,
    );
  });

  it('rejects a status the document does not list', () => {
    expect(() => assertDocumentedResponse('GET', '/v1/orders/2', 406, '{"message":"x"}')).toThrow(
      'GET /v1/orders/{id} → 406: status 406 is not in openapi/grow.json',
    );
  });

  it('ignores routes no document holds', () => {
    expect(() => assertDocumentedResponse('GET', '/nowhere', 500, 'oops')).not.toThrow();
  });
});
