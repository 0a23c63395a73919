import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { BUNDLED_FIXTURES_DIR } from '../../../src/config.js';
import { orderNumberFor, policyNumberFor } from '../../../src/partners/battleface/domain/numbering.js';
import { loadBattlefaceSeed } from '../../../src/partners/battleface/fixtures.js';
import { testConfig } from '../../support/app.js';
import { battlefaceOrder } from '../../support/battleface-orders.js';

function fixturesWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'partner-sim-fixtures-'));
  mkdirSync(join(dir, 'battleface', 'orders'), { recursive: true });
  for (const [name, text] of Object.entries(files))
    writeFileSync(join(dir, 'battleface', 'orders', name), text);
  return dir;
}

describe('battleface fixtures', () => {
  const seed = loadBattlefaceSeed(BUNDLED_FIXTURES_DIR);
  const orders = [...seed.orders.values()];

  it('bundle one order for every documented case', () => {
    const cases = orders.map((order) => ({
      status: order.status,
      items: order.items.length,
      documents: order.items.every((item) => item.policy_file_id !== null),
      flags: order.items[0]?.order.flags,
    }));
    expect(seed.orders.get('1-JUN8668-D735471FA063')?.status).toBe('Cancelled');
    expect(cases).toContainEqual(
      expect.objectContaining({
        status: 'Pending',
        items: 1,
        flags: expect.objectContaining({ generate_policy_document: true, send_policy_emails: true }),
      }),
    );
    expect(cases).toContainEqual(
      expect.objectContaining({
        status: 'Pending',
        flags: expect.objectContaining({ generate_policy_document: false, send_policy_emails: false }),
      }),
    );
    expect(cases).toContainEqual(expect.objectContaining({ status: 'Approved', documents: false }));
    expect(cases).toContainEqual(expect.objectContaining({ status: 'Approved', documents: true }));
    expect(cases).toContainEqual(expect.objectContaining({ status: 'Pending', items: 2 }));
  });

  it("number every policy in the partner's format, from the item id and the order month", () => {
    for (const order of orders) {
      const orderedAt = Date.parse(order.ordered_at);
      order.items.forEach((item, index) => {
        expect(item.policy_number).toBe(policyNumberFor(order.site_id, orderedAt, item.id, index + 1));
      });
      expect(order.order_number).toMatch(/^1-[A-Z]{3}[0-9A-F]{4}-[0-9A-F]{12}$/);
    }
  });

  it('derive the seed numbers from their uuids as the partner does', () => {
    const june = Date.parse('2023-06-29T14:06:33.563Z');
    expect(policyNumberFor(1, june, '88e5e4a3-7e80-4935-83a5-4b5e0e08d64c', 1)).toBe(
      '1-JUN83A5-4B5E0E08D64C-1',
    );
    expect(
      policyNumberFor(1, Date.parse('2022-12-01T16:48:51Z'), '05725351-0ccb-4685-9648-407dba3e552d', 1),
    ).toBe('1-DEC9648-407DBA3E552D-1');
    expect(orderNumberFor(1, june, '00000000-0000-4000-8668-d735471fa063')).toBe('1-JUN8668-D735471FA063');
  });

  it('stop start-up naming the file and the field of a bad fixture', async () => {
    const broken = battlefaceOrder() as unknown as { items: Array<Record<string, unknown>> };
    if (broken.items[0]) broken.items[0].policy_file_id = 'eleven';
    const dir = fixturesWith({
      'good.json': JSON.stringify(battlefaceOrder({ orderNumber: '1-APR0001-000000000009' })),
      'broken.json': JSON.stringify(broken),
    });

    await expect(buildApp(testConfig({ fixturesDir: dir }))).rejects.toThrow(
      /^Invalid fixture .*broken\.json: field items\[0\]\.policy_file_id: Invalid input: expected number, received string$/,
    );
  });

  it('stop start-up on a fixture that is not JSON, and on a misspelt key', async () => {
    expect(() => loadBattlefaceSeed(fixturesWith({ 'x.json': '{' }))).toThrow(
      /^Invalid fixture .*x\.json: not valid JSON/,
    );
    const typo = { ...battlefaceOrder(), totl: 1 };
    expect(() => loadBattlefaceSeed(fixturesWith({ 'typo.json': JSON.stringify(typo) }))).toThrow(
      /typo\.json: field \(root\): Unrecognized key: "totl"$/,
    );
  });

  it('stop start-up when two fixtures share an order number', () => {
    const text = JSON.stringify(battlefaceOrder());
    expect(() => loadBattlefaceSeed(fixturesWith({ 'a.json': text, 'b.json': text }))).toThrow(
      /b\.json: field order_number: 1-APR0001-000000000001 is used twice$/,
    );
  });
});
