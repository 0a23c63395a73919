import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FIXTURES_DIR } from '../../../src/config.js';
import { loadGrowSeed } from '../../../src/partners/grow/fixtures.js';
import { growOrder } from '../../support/grow-orders.js';

describe('Grow fixtures', () => {
  const orders = [...loadGrowSeed(BUNDLED_FIXTURES_DIR).orders.values()];

  it('bundle every status, two currencies pending, two insurers and products', () => {
    expect(orders.find((order) => order.id === 2)).toMatchObject({
      status: 'pending',
      payment_made_at: null,
      currency: 'GHS',
    });
    expect(orders).toContainEqual(expect.objectContaining({ status: 'pending', currency: 'NGN' }));
    for (const status of ['paid', 'policy_created', 'cancelled']) {
      expect(orders).toContainEqual(expect.objectContaining({ status }));
    }
    expect(orders.find((order) => order.status === 'policy_created')?.policy).not.toBeNull();
    expect(new Set(orders.map((order) => order.product.insurer.code)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(orders.map((order) => order.product.id)).size).toBeGreaterThanOrEqual(2);
  });

  it('stop start-up naming the file and the field of a bad fixture', () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-sim-grow-'));
    mkdirSync(join(dir, 'grow', 'orders'), { recursive: true });
    const bad = { ...growOrder(), product: { ...growOrder().product, 'partner-commission-rate': 0 } };
    writeFileSync(join(dir, 'grow', 'orders', 'bad.json'), JSON.stringify(bad));

    expect(() => loadGrowSeed(dir)).toThrow(
      /bad\.json: field product: Unrecognized key: "partner-commission-rate"$/,
    );
  });
});
