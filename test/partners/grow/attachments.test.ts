import { describe, expect, it } from 'vitest';
import { storesOf, TOKEN, testApp } from '../../support/app.js';
import { ManualClock } from '../../support/clock.js';

// Attachments (reference §4 /attachments; examples §25): a multipart file or a file_url, whose id
// claims reference.

const multipart = (parts: string[]) => ({
  headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
  payload: `${parts.map((part) => `--XyZ\r\n${part}\r\n`).join('')}--XyZ--\r\n`,
});

describe('Grow attachments', () => {
  it('a multipart file, under any part name: 201 with its id, described but not kept', async () => {
    const sim = await testApp({ clock: new ManualClock('2024-05-01T12:00:00.000Z') });

    const created = await sim.request({
      method: 'POST',
      url: '/v1/attachments',
      ...multipart([
        'Content-Disposition: form-data; name="description"\r\n\r\nvehicle registration certificate',
        'Content-Disposition: form-data; name="cur65a1"; filename="v5c.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 fake',
      ]),
    });
    const read = await sim.request({ method: 'GET', url: '/v1/attachments/1' });

    const attachment = {
      id: 1,
      description: 'vehicle registration certificate',
      file_name: 'v5c.pdf',
      file_url: null,
      mime_type: 'application/pdf',
      size: 13,
      created_at: '2024-05-01T12:00:00.000000Z',
    };
    expect([created.statusCode, created.json()]).toEqual([201, { attachment }]);
    expect(read.json()).toEqual({ attachment });
  });

  it('a file_url as one client sends it; neither a file nor a URL is the Laravel 422', async () => {
    const sim = await testApp();

    const byUrl = await sim.request({
      method: 'POST',
      url: '/v1/attachments',
      payload: { file_url: 'https://example.com/files/receipt.jpg' },
    });
    const nothing = await sim.request({
      method: 'POST',
      url: '/v1/attachments',
      payload: { description: 'x' },
    });
    const notUrl = await sim.request({
      method: 'POST',
      url: '/v1/attachments',
      payload: { file_url: 'receipt.jpg' },
    });
    const missing = await sim.request({ method: 'GET', url: '/v1/attachments/9' });

    expect(byUrl.json().attachment).toMatchObject({ id: 1, file_name: 'receipt.jpg', size: null });
    expect(nothing.json()).toEqual({
      message: 'The given data was invalid',
      errors: { file: ['The file field is required when file url is not present.'] },
    });
    expect(notUrl.json()).toEqual({
      message: 'The given data was invalid',
      errors: { file_url: ['The file url format is invalid.'] },
    });
    expect([missing.statusCode, missing.body]).toEqual([404, '{"message":"Attachment not found"}']);
    expect(storesOf(sim.app, TOKEN).grow.attachments.size).toBe(1);
  });
});
