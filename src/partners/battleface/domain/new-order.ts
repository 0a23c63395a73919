import { formatDate, formatMicros } from '../../../lib/clock.js';
import type { Ids } from '../../../lib/ids.js';
import { mergePatch } from '../../../lib/merge-patch.js';
import { ItemSchema, type Order, OrderSchema } from '../schemas/orders.js';
import { orderNumberFor, policyNumberFor } from './numbering.js';

const DAY = 86_400_000;
const SITE_ID = 1;

type Partial = Record<string, unknown> & { items?: unknown };

/**
 * A whole battleface order from any part of one (`{}` included): what is given is kept, the rest
 * gets realistic defaults in the partner's formats: numbers from fresh uuids, timestamps from the
 * sandbox clock, and the embedded `items[].order` records consistent with the top level.
 * The result is unvalidated: the caller parses it with OrderSchema.
 */
export function newOrder(partial: Partial, now: number, ids: Ids): unknown {
  const { items: itemPatches, ...topPatch } = partial;
  const status = typeof topPatch.status === 'string' ? topPatch.status : 'Pending';
  const orderedAtText = typeof topPatch.ordered_at === 'string' ? topPatch.ordered_at : formatMicros(now);
  const orderedAt = Number.isFinite(Date.parse(orderedAtText)) ? Date.parse(orderedAtText) : now;
  const premium = typeof topPatch.premium === 'number' ? topPatch.premium : 84.5;
  const approvedAt = status === 'Pending' ? undefined : formatMicros(now);

  const topDefaults = {
    schema_version: 1,
    site_id: SITE_ID,
    quote_id: ids.hex(24),
    order_number: orderNumberFor(SITE_ID, orderedAt, ids.uuid()),
    client_id: 50_000 + Number.parseInt(ids.hex(4), 16),
    status,
    premium,
    total: premium,
    currency_id: 'AUD',
    status_updated_at: approvedAt ?? orderedAtText,
    ordered_at: orderedAtText,
    ...(approvedAt ? { approved_at: approvedAt } : {}),
    applicant: {
      first_name: 'Alex',
      middle_name: '',
      last_name: 'Taylor',
      dob: '1990-01-05',
      age_at_travel: 35,
      email: 'alex.taylor@example.com',
      contact_number: '0412345678',
      address: '1 GEORGE STREET',
      city: 'Sydney',
      post_code: '2000',
      country_code: 'AU',
      state_code: 'NSW',
      ip_address: '203.0.113.10',
    },
    affiliate: { id: 1, commission_amount: 0, commission_percentage: 0 },
    details: [
      { id: ids.uuid(), type: 'included_tax', detail: 'stamp_duty', amount: 0 },
      { id: ids.uuid(), type: 'included_breakdown_tax', detail: 'witholding', amount: 0 },
    ],
  };
  const top = mergePatch(OrderSchema, topDefaults, topPatch) as typeof topDefaults;

  const patches = Array.isArray(itemPatches) && itemPatches.length > 0 ? itemPatches : [{}];
  const items = patches.map((patch, index) =>
    mergePatch(ItemSchema, defaultItem(top, index, patches.length, orderedAt, ids), patch),
  );
  return { ...top, items };
}

function defaultItem(
  top: Record<string, unknown>,
  index: number,
  count: number,
  orderedAt: number,
  ids: Ids,
) {
  const id = ids.uuid();
  const premium = typeof top.premium === 'number' ? Math.round((top.premium / count) * 100) / 100 : 0;
  const applicant = top.applicant as Order['applicant'];
  const start = orderedAt + 14 * DAY;
  return {
    id,
    product_id: 1001,
    program_id: 3,
    product_uuid: '4656be98-de5d-45c7-88fc-1a747f0ea0c4',
    product_name: 'Australian Standard',
    sanction_search_id: '0',
    product_major_id: 3,
    product_minor_id: 870,
    policy_file_id: null,
    policy_number: policyNumberFor(SITE_ID, orderedAt, id, index + 1),
    start_at: formatDate(start),
    end_at: formatDate(start + 14 * DAY),
    deposit_at: formatDate(orderedAt),
    details: [
      {
        id: ids.uuid(),
        type: 'package',
        detail: 'Travel Medical Package',
        amount: premium,
        product_package_id: 1686,
      },
      { id: ids.uuid(), type: 'premium', detail: 'Policy premium', amount: premium },
      { id: ids.uuid(), type: 'total', detail: 'Policy total', amount: premium },
    ],
    insured: {
      first_name: applicant?.first_name,
      middle_name: applicant?.middle_name,
      last_name: applicant?.last_name,
      dob: applicant?.dob,
    },
    destinations: [{ country_code: 'JP', country_name: 'Japan' }],
    is_main: index === 0,
    order: embeddedOrder(top, ids),
    meta: null,
  };
}

/** The flags of an order the control plane seeds: the seed's Cancelled order's. */
const SEEDED_FLAGS = {
  send_policy_emails: true,
  generate_policy_document: true,
  trigger_sanction_search: true,
};

/**
 * The raw order record each item embeds (reference §6), mirroring the top level, as the seed's
 * Cancelled order shows it. Unvalidated: built for seeded orders and new orders alike.
 */
export function embeddedOrder(
  top: Readonly<Record<string, unknown>> | Order,
  ids: Ids,
  options: { flags: object; tax: number } = { flags: SEEDED_FLAGS, tax: 0 },
) {
  const details = (Array.isArray(top.details) ? top.details : []) as Array<Record<string, unknown>>;
  return {
    _id: ids.hex(24),
    quote_id: top.quote_id,
    currency_id: top.currency_id,
    site_id: top.site_id,
    applicant: top.applicant,
    flags: options.flags,
    schema_version: top.schema_version,
    document_version: 3,
    status: top.status,
    status_updated_at: top.status_updated_at,
    ordered_at: top.ordered_at,
    order_number: top.order_number,
    premium: top.premium,
    total: top.total,
    fees: 0,
    tax: options.tax,
    refund_amount: 0,
    is_refunded: false,
    tax_rate: 0,
    details: details.map((line) => ({
      type: line.type,
      detail: line.detail,
      amount: line.amount,
      id: line.id,
      _id: ids.hex(24),
    })),
    client_id: top.client_id,
    updated_at: top.status_updated_at,
    created_at: top.ordered_at,
    ...(top.approved_at ? { approved_at: top.approved_at } : {}),
    meta: null,
  };
}
