import type { Wallet, WalletTransaction } from '../schemas/purchases.js';

// The wallet's reads (reference §4 /partners/wallet; examples §28, §29).

/**
 * The currencies the simulated payment gateway (Paystack) takes: a wallet in another currency
 * answers the published 400 on top-up (INFERENCE, examples §30).
 */
export const MERCHANT_CURRENCIES: ReadonlySet<string> = new Set(['NGN', 'GHS', 'KES', 'USD']);

const money = (amount: number) => amount.toFixed(2);

/** `[{"currency":"GHS","balance":"-4372.58"}, …]`, in currency order as published. */
export function balancesOf(wallets: readonly Wallet[], only: string | undefined) {
  return wallets
    .filter((wallet) => only === undefined || wallet.currency === only.toUpperCase())
    .sort((a, b) => a.currency.localeCompare(b.currency))
    .map((wallet) => ({ currency: wallet.currency, balance: money(wallet.balance) }));
}

/** A transaction as the list shows it (INFERENCE: the dashboard's fields, examples §29). */
export function transactionView(transaction: WalletTransaction) {
  return {
    reference: transaction.reference,
    type: transaction.type,
    amount: money(transaction.amount),
    opening_balance: money(transaction.opening_balance),
    closing_balance: money(transaction.balance_after),
    narration: transaction.description,
    currency: transaction.currency,
    created_at: transaction.created_at,
  };
}

export function transactionMatches(
  transaction: WalletTransaction,
  filter: {
    type?: string | undefined;
    currency?: string | undefined;
    range?: { start: string; end: string } | undefined;
    search?: string | undefined;
  },
): boolean {
  const day = transaction.created_at.slice(0, 10);
  const needle = filter.search?.toLowerCase();
  return (
    (filter.type === undefined || transaction.type === filter.type) &&
    (filter.currency === undefined || transaction.currency === filter.currency.toUpperCase()) &&
    (filter.range === undefined || (day >= filter.range.start && day <= filter.range.end)) &&
    (needle === undefined ||
      needle === '' ||
      transaction.reference.toLowerCase().includes(needle) ||
      transaction.description.toLowerCase().includes(needle))
  );
}
