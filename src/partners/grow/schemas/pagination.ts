import { z } from 'zod';

/** Laravel's page links (reference §4 "Pagination"). */
export const LinksSchema = z.strictObject({
  first: z.string().nullable(),
  last: z.string().nullable(),
  prev: z.string().nullable(),
  next: z.string().nullable(),
});

/** Laravel 8's length-aware paginator: `data`, `links`, and the whole `meta`. */
export function paginatedSchema<Item extends z.ZodType>(item: Item) {
  return z.strictObject({
    data: z.array(item),
    links: LinksSchema,
    meta: z.strictObject({
      current_page: z.int(),
      from: z.int().nullable(),
      last_page: z.int(),
      links: z.array(z.strictObject({ url: z.string().nullable(), label: z.string(), active: z.boolean() })),
      path: z.string(),
      per_page: z.int(),
      to: z.int().nullable(),
      total: z.int(),
    }),
  });
}
