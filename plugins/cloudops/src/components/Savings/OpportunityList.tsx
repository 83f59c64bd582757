import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { OpportunityCurrencyTotal } from '@cloudops-ai/backstage-plugin-cloudops-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef } from '../../api';
import { usePastEndPage } from '../../hooks/usePastEndPage';
import { cloudopsTranslationRef } from '../../translation';
import {
  AsyncContent,
  DataTable,
  formatMoney,
  formatTime,
  lastPage,
  RiskChip,
  usePaginationLabels,
  SectionCard,
  LevelledEmptyState,
  useDomainLabels,
} from '../shared';
import { OpportunityFilters } from './OpportunityFilters';
import {
  OpportunityFilterState,
  opportunityFilterParams,
  PAGE_SIZES,
  parseOpportunityFilters,
  toOpportunityQuery,
} from './opportunityFilters';

/** Each currency's total, e.g. `$100 and ¥15,000`: currencies are never added up. */
function formatTotals(totals: OpportunityCurrencyTotal[]): string {
  return new Intl.ListFormat(undefined, { type: 'conjunction' }).format(
    totals.map(total => formatMoney(total.monthlySavings, total.currency)),
  );
}

const useStyles = makeStyles({
  /** Ids, states, times and amounts stay on one line. */
  nowrap: { whiteSpace: 'nowrap' },
});

/**
 * The savings opportunities, largest savings first, filtered by account,
 * team, detector, risk and state (the open ones unless changed, so the
 * title's total is what is still to be saved) and paged by the backend; the
 * filters live in the URL.
 */
export function OpportunityList(props: {
  linkTo: (opportunityId: string) => string;
}) {
  const { linkTo } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const labels = useDomainLabels();
  const paginationLabels = usePaginationLabels();
  const classes = useStyles();
  const api = useApi(cloudopsApiRef);
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseOpportunityFilters(params), [params]);
  const update = useCallback(
    (change: Partial<OpportunityFilterState>) =>
      setParams(opportunityFilterParams({ ...state, page: 0, ...change }), {
        replace: true,
      }),
    [state, setParams],
  );
  const load = useAsyncRetry(
    () => api.listOpportunities(toOpportunityQuery(state)),
    [api, state],
  );
  const { value, loading } = load;
  const goToPage = useCallback((page: number) => update({ page }), [update]);
  const pastEnd = usePastEndPage(value, state, goToPage);

  return (
    <SectionCard
      title={
        value && value.totals.length > 0
          ? t('savings.list.titleWithTotal', {
              number: String(value.totalCount),
              amount: formatTotals(value.totals),
            })
          : t('savings.list.title')
      }
    >
      <OpportunityFilters value={state} onChange={update} />
      <div aria-busy={loading}>
        <AsyncContent state={load} what={t('savings.list.what')}>
          {list => {
            if (pastEnd) return <Progress />;
            return list.items.length === 0 ? (
              <LevelledEmptyState
                missing="data"
                title={t('savings.list.empty')}
                description={t('savings.list.emptyDescription')}
              />
            ) : (
              <>
                <DataTable aria-label={t('savings.list.title')}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('savings.columns.title')}</TableCell>
                      <TableCell>{t('savings.columns.service')}</TableCell>
                      <TableCell>{t('savings.columns.account')}</TableCell>
                      <TableCell>{t('savings.columns.detector')}</TableCell>
                      <TableCell>{t('savings.columns.risk')}</TableCell>
                      <TableCell>{t('savings.columns.state')}</TableCell>
                      <TableCell>{t('savings.columns.detected')}</TableCell>
                      <TableCell align="right">
                        {t('savings.columns.monthly')}
                      </TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {list.items.map(opportunity => (
                      <TableRow key={opportunity.id} hover>
                        <TableCell>
                          <Link to={linkTo(opportunity.id)}>
                            {opportunity.title}
                          </Link>
                        </TableCell>
                        <TableCell>
                          {opportunity.entityRef ? (
                            <EntityRefLink entityRef={opportunity.entityRef} />
                          ) : (
                            t('common.unlinked')
                          )}
                        </TableCell>
                        <TableCell className={classes.nowrap}>
                          {opportunity.account ?? t('common.none')}
                        </TableCell>
                        <TableCell>{opportunity.detector}</TableCell>
                        <TableCell className={classes.nowrap}>
                          <RiskChip level={opportunity.risk.level} />
                        </TableCell>
                        <TableCell className={classes.nowrap}>
                          {labels.opportunityState(opportunity.state)}
                        </TableCell>
                        <TableCell className={classes.nowrap}>
                          {formatTime(opportunity.firstDetectedAt)}
                        </TableCell>
                        <TableCell align="right" className={classes.nowrap}>
                          {formatMoney(
                            opportunity.monthlySavings,
                            opportunity.currency,
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </DataTable>
                <TablePagination
                  {...paginationLabels}
                  component="div"
                  count={list.totalCount}
                  page={Math.min(
                    state.page,
                    lastPage(list.totalCount, state.pageSize),
                  )}
                  rowsPerPage={state.pageSize}
                  rowsPerPageOptions={PAGE_SIZES}
                  onPageChange={(_, page) => update({ page })}
                  onRowsPerPageChange={e =>
                    update({ page: 0, pageSize: Number(e.target.value) })
                  }
                />
              </>
            );
          }}
        </AsyncContent>
      </div>
    </SectionCard>
  );
}
