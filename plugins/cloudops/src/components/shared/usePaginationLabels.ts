import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { TablePaginationProps } from '@material-ui/core/TablePagination';
import { cloudopsTranslationRef } from '../../translation';

/**
 * A `TablePagination`'s texts from the translation ref, to spread on it:
 * `Rows per page:`, `1-10 of 42` and its buttons' names.
 */
export function usePaginationLabels(): Pick<
  TablePaginationProps,
  | 'labelRowsPerPage'
  | 'labelDisplayedRows'
  | 'backIconButtonText'
  | 'nextIconButtonText'
> {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  return {
    labelRowsPerPage: t('common.pagination.rowsPerPage'),
    labelDisplayedRows: ({ from, to, count }) =>
      t('common.pagination.displayedRows', {
        from: String(from),
        to: String(to),
        total: String(count),
      }),
    backIconButtonText: t('common.pagination.previous'),
    nextIconButtonText: t('common.pagination.next'),
  };
}
