import type { ScenarioRecipe } from '../module.js';

const DAY = 86_400_000;

/** Grow's scenarios in the built-in library, each driven on the bundled fixtures. */
export const GROW_SCENARIOS: Record<string, ScenarioRecipe> = {
  'grow-policy-about-to-be-issued': {
    description:
      'Grow order 2 is paid and its policy is due in 2 s on the frozen clock: advance the clock 2 s and the insurer issues it.',
    drive: async (call) => {
      await call('POST', '/v1/orders/authorize', { id: 2 });
    },
  },
  'grow-claim-offer-waiting': {
    description:
      "A Grow claim on policy AXA-GIT-2025-000016 (order 5) has the insurer's offer waiting (discharge_voucher): the partner accepts or rejects the voucher.",
    drive: async (call) => {
      const { attachment } = (await call('POST', '/v1/attachments', {
        file_url: 'https://example.com/receipt.pdf',
      })) as { attachment: { id: number } };
      const { claim } = (await call('POST', '/v1/claims', {
        policy_number: 'AXA-GIT-2025-000016',
        amount: 150,
        attachments: [attachment.id],
        payment_details: { bank_name: 'First Bank', account_number: '3083137524', sort_code: '901290' },
      })) as { claim: { id: number } };
      await call('POST', `/__admin/grow/claims/${claim.id}/step`, { to: 'discharge_voucher' });
    },
  },
  'grow-instalment-due-tomorrow': {
    description:
      "A monthly Grow gadget policy's second premium is due tomorrow, authorised by the partner's answer to instalment.due: advance the clock 1 day and the NGN wallet pays it.",
    drive: async (call) => {
      // The builder's webhook sender answers 200, as a partner authorising the charge would.
      await call('PUT', '/__admin/grow/webhook', {
        url: 'https://partner.example/grow/webhooks',
        secret: 's',
      });
      await call('POST', '/v1/orders', {
        product_code: 'leadway-gadget-protect',
        customer_ref: 'CUS-10042',
        policy_start_date: '2026-01-01',
        premium_frequency: 'monthly',
        asset_value: 450000,
      });
      await call('POST', '/__admin/clock/advance', { ms: 2000 });
      // Instalment 2 is due a month after the start (domain/instalments.ts); stop the day before.
      const dueAt = Date.parse('2026-02-01T00:00:00Z');
      const now = Date.parse(((await call('GET', '/__admin/clock')) as { now: string }).now);
      await call('POST', '/__admin/clock/advance', { ms: dueAt - DAY - now });
      await call('GET', '/__admin/webhooks?event=instalment.due&state=delivered&wait_ms=5000');
      // Loaded elsewhere, later notices go nowhere: the URL was the builder's.
      await call('PUT', '/__admin/grow/webhook', { url: null });
    },
  },
};
