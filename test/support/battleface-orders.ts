import type { Order } from '../../src/partners/battleface/schemas/orders.js';

type Flags = Order['items'][number]['order']['flags'];

export interface OrderShape {
  orderNumber?: string;
  status?: Order['status'];
  flags?: Partial<Flags>;
  /** One item per traveller; their policy_file_ids (null = no document yet). */
  fileIds?: Array<number | null>;
  approvedAt?: string;
}

const ORDERED_AT = '2024-04-30T09:00:00.000000Z';
const APPLICANT = {
  first_name: 'Ada',
  middle_name: '',
  last_name: 'Lovelace',
  dob: '1990-01-05',
  age_at_travel: 34,
  email: 'ada@example.com',
  contact_number: '0400000000',
  address: '1 TEST STREET',
  city: 'Sydney',
  post_code: '2000',
  country_code: 'AU',
  state_code: 'NSW',
  ip_address: '203.0.113.1',
};

/** A small, valid battleface order for one test; the numbers follow the partner's format. */
export function battlefaceOrder(shape: OrderShape = {}): Order {
  const status = shape.status ?? 'Pending';
  const approvedAt = shape.approvedAt ?? (status === 'Pending' ? undefined : '2024-04-30T09:05:00.000000Z');
  const statusUpdatedAt = approvedAt ?? ORDERED_AT;
  const orderNumber = shape.orderNumber ?? '1-APR0001-000000000001';
  const flags: Flags = {
    send_policy_emails: true,
    generate_policy_document: true,
    trigger_sanction_search: true,
    ...shape.flags,
  };
  const embedded = {
    _id: '000000000000000000000001',
    quote_id: '000000000000000000000002',
    currency_id: 'AUD',
    site_id: 1,
    applicant: APPLICANT,
    flags,
    schema_version: 1,
    document_version: 3,
    status,
    status_updated_at: statusUpdatedAt,
    ordered_at: ORDERED_AT,
    order_number: orderNumber,
    premium: 50,
    total: 50,
    fees: 0,
    tax: 0,
    refund_amount: 0,
    is_refunded: false,
    tax_rate: 0,
    details: [],
    client_id: 7,
    updated_at: statusUpdatedAt,
    created_at: ORDERED_AT,
    ...(approvedAt ? { approved_at: approvedAt } : {}),
    meta: null,
  };
  const fileIds = shape.fileIds ?? [null];
  return {
    schema_version: 1,
    site_id: 1,
    quote_id: '000000000000000000000002',
    order_number: orderNumber,
    client_id: 7,
    status,
    premium: 50,
    total: 50,
    currency_id: 'AUD',
    status_updated_at: statusUpdatedAt,
    ordered_at: ORDERED_AT,
    ...(approvedAt ? { approved_at: approvedAt } : {}),
    items: fileIds.map((fileId, index) => ({
      id: `00000000-0000-4000-8000-00000000010${index}`,
      product_id: 1001,
      program_id: 3,
      product_uuid: '4656be98-de5d-45c7-88fc-1a747f0ea0c4',
      product_name: 'Australian Standard',
      sanction_search_id: '0',
      product_major_id: 3,
      product_minor_id: 870,
      policy_file_id: fileId,
      policy_number: `1-APR8000-00000000010${index}-${index + 1}`,
      start_at: '2024-06-01',
      end_at: '2024-06-10',
      deposit_at: '2024-04-30',
      details: [
        { id: '00000000-0000-4000-8000-000000000200', type: 'premium', detail: 'Policy premium', amount: 50 },
      ],
      insured: { first_name: 'Ada', middle_name: '', last_name: 'Lovelace', dob: '1990-01-05' },
      destinations: [{ country_code: 'JP', country_name: 'Japan' }],
      is_main: index === 0,
      order: structuredClone(embedded),
      meta: null,
    })),
    applicant: APPLICANT,
    affiliate: { id: 1, commission_amount: 0, commission_percentage: 0 },
    details: [],
  };
}
