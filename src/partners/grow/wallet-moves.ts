import type { GrowSandbox } from './records.js';

/** A wallet movement and its transaction; the balance may go below zero (reference §4 balance). */
export function moveWallet(
  sandbox: GrowSandbox,
  move: {
    type: 'debit' | 'credit';
    currency: string;
    amount: number;
    orderId: number | null;
    at: string;
    narration: string;
  },
): void {
  const { wallets, wallet_transactions } = sandbox.stores.grow;
  const opening = wallets.find(move.currency)?.balance ?? 0;
  const signed = move.type === 'debit' ? -move.amount : move.amount;
  const balance = Math.round((opening + signed) * 100) / 100;
  wallets.save({ currency: move.currency, balance });
  const id = wallet_transactions.size + 1;
  wallet_transactions.add({
    id,
    reference: `TRX-${String(id).padStart(8, '0')}`,
    type: move.type,
    currency: move.currency,
    amount: move.amount,
    opening_balance: opening,
    balance_after: balance,
    description: move.narration,
    order_id: move.orderId,
    created_at: move.at,
  });
}
