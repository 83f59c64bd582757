import { useEffect } from 'react';
import { lastPage } from '../components/shared';

/**
 * Sends a server-paged list to its last page when the page shown is past
 * the end (an old link, or the list shrank): the page came back empty
 * though the list has items. True while it does so, so the list shows
 * progress rather than "nothing matches".
 */
export function usePastEndPage(
  list: { items: unknown[]; totalCount: number } | undefined,
  paging: { page: number; pageSize: number },
  goToPage: (page: number) => void,
): boolean {
  const last = list ? lastPage(list.totalCount, paging.pageSize) : 0;
  const pastEnd = Boolean(
    list &&
      list.items.length === 0 &&
      list.totalCount > 0 &&
      paging.page > last,
  );
  useEffect(() => {
    if (pastEnd) goToPage(last);
  }, [pastEnd, last, goToPage]);
  return pastEnd;
}
