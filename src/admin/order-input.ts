import type { z } from 'zod';
import { formatPath } from '../lib/fixture-files.js';
import { AdminError, INVALID_INPUT } from './errors.js';

/** Parses a built or patched order with the partner schema, or answers 400 listing every issue. */
export function parseOrder<T extends z.ZodType>(schema: T, candidate: unknown): z.output<T> {
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) {
    throw INVALID_INPUT(parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`));
  }
  return parsed.data;
}

export const CONFLICT = (what: string) => new AdminError(409, what);

/** Orders a sandbox may hold per partner, so memory stays bounded whatever a client seeds. */
export const MAX_ORDERS = 10_000;

export function ensureRoom(held: number, plural = 'orders'): void {
  if (held >= MAX_ORDERS) {
    throw new AdminError(
      400,
      `A sandbox holds at most ${MAX_ORDERS} ${plural} per partner; reset it or remove some first.`,
    );
  }
}
