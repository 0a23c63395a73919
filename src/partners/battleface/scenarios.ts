import type { ScenarioRecipe } from '../module.js';

/** battleface's scenarios in the built-in library, each driven on the bundled fixtures. */
export const BATTLEFACE_SCENARIOS: Record<string, ScenarioRecipe> = {
  'battleface-awaiting-approval': {
    description:
      'battleface order 1-MAR8D39-D7921E36B462 is Pending, awaiting manual approval (Process Payment): approving it makes its policy document and emails it.',
    // The fixture order as a fresh sandbox holds it, on the library's frozen clock.
    drive: async () => {},
  },
  'battleface-card-declined': {
    description:
      "battleface order 1-MAR88D5-C5367493FEA3: the customer's card was declined on Stripe's page (its payment intent failed); it stays Pending, the intent open for another try.",
    // A declined charge leaves nothing behind (routes/new-orders.ts); a failed intent stays open.
    drive: async (call) => {
      await call('GET', '/api/partner/orders/1-MAR88D5-C5367493FEA3/payment/intent');
      await call('POST', '/__admin/battleface/orders/1-MAR88D5-C5367493FEA3/payment/intent', {
        outcome: 'failed',
      });
    },
  },
};
