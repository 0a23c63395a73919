// Laravel's length-aware paginator as Grow's lists show it (reference §4 "Pagination"): `page`
// from 1, `per_page` with a per-list default; links to the first, last, previous and next pages
// on the URL the client called (INFERENCE: the docs' link URLs, without /api/v1, are an artefact).

export interface PageRequest {
  page: number;
  perPage: number;
}

/** Laravel reads a page it cannot use as the first; INFERENCE: per_page outside 1..100 is a 400. */
export function pageRequest(
  query: { page?: string | undefined; per_page?: string | undefined },
  defaultPerPage: number,
): PageRequest | undefined {
  const page = /^\d{1,9}$/.test(query.page ?? '') ? Math.max(1, Number(query.page)) : 1;
  if (query.per_page === undefined) return { page, perPage: defaultPerPage };
  if (!/^\d{1,3}$/.test(query.per_page)) return undefined;
  const perPage = Number(query.per_page);
  return perPage >= 1 && perPage <= 100 ? { page, perPage } : undefined;
}

export interface Page<T> {
  data: T[];
  links: { first: string | null; last: string | null; prev: string | null; next: string | null };
  meta: {
    current_page: number;
    from: number | null;
    last_page: number;
    path: string;
    per_page: number;
    to: number | null;
    total: number;
  };
}

/** One page of `items`; `path` is the list's own URL, without a query. */
export function paginate<T>(items: readonly T[], request: PageRequest, path: string): Page<T> {
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / request.perPage));
  const start = (request.page - 1) * request.perPage;
  const data = items.slice(start, start + request.perPage);
  const at = (page: number) => `${path}?page=${page}`;
  return {
    data,
    links: {
      first: at(1),
      last: at(lastPage),
      prev: request.page > 1 ? at(request.page - 1) : null,
      next: request.page < lastPage ? at(request.page + 1) : null,
    },
    meta: {
      current_page: request.page,
      from: data.length > 0 ? start + 1 : null,
      last_page: lastPage,
      path,
      per_page: request.perPage,
      to: data.length > 0 ? start + data.length : null,
      total,
    },
  };
}
