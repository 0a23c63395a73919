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
    /** Laravel 8's page links: previous, each page, next. */
    links: Array<{ url: string | null; label: string; active: boolean }>;
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
      links: [
        { url: request.page > 1 ? at(request.page - 1) : null, label: '&laquo; Previous', active: false },
        ...pageWindow(request.page, lastPage).map((page) =>
          page === '...'
            ? { url: null, label: '...', active: false }
            : { url: at(page), label: String(page), active: page === request.page },
        ),
        { url: request.page < lastPage ? at(request.page + 1) : null, label: 'Next &raquo;', active: false },
      ],
      path,
      per_page: request.perPage,
      to: data.length > 0 ? start + data.length : null,
      total,
    },
  };
}

/**
 * The pages Laravel's UrlWindow lists (three on each side of the current one): every page when
 * there are fewer than 14, else the first two and last two around a slider, `...` between.
 */
export function pageWindow(current: number, last: number): Array<number | '...'> {
  const range = (from: number, to: number) =>
    Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  const onEachSide = 3;
  if (last < onEachSide * 2 + 8) return range(1, last);
  const window = onEachSide + 4;
  if (current <= window) return [...range(1, window + onEachSide), '...', last - 1, last];
  if (current > last - window) return [1, 2, '...', ...range(last - (window + onEachSide) + 1, last)];
  return [1, 2, '...', ...range(current - onEachSide, current + onEachSide), '...', last - 1, last];
}
