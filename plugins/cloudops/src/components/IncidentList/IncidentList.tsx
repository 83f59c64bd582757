import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Incident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef, IncidentQuery } from '../../api';
import { useIncidentChanges } from '../../hooks/useIncidentChanges';
import { usePastEndPage } from '../../hooks/usePastEndPage';
import { cloudopsTranslationRef } from '../../translation';
import {
  LoadError,
  shortRef,
  SectionCard,
  LevelledEmptyState,
} from '../shared';
import {
  listStateParams,
  ListState,
  parseListState,
  toIncidentQuery,
} from './filters';
import { IncidentFilters } from './IncidentFilters';
import { IncidentsTable } from './IncidentsTable';

/**
 * Incidents with filters (state, severity, time range, text, and the system
 * and account a NOC heat-map cell narrows to, shown as removable chips) and
 * paging, all applied by the backend; the filters live in the URL. Reloads
 * when the backend announces incident changes.
 */
export function IncidentList(props: {
  /** Fixed narrowing, e.g. one entity's incidents. */
  scope?: IncidentQuery;
  linkTo: (incident: Incident) => string;
  showEntity?: boolean;
}) {
  const { scope, linkTo, showEntity } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListState(params), [params]);
  const { version, isLive } = useIncidentChanges();

  const update = useCallback(
    (change: Partial<ListState>) =>
      setParams(listStateParams({ ...state, page: 0, ...change }), {
        replace: true,
      }),
    [state, setParams],
  );

  // Every field of the scope narrows the list: reload when any changes.
  const scopeKey = JSON.stringify(scope ?? {});
  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.listIncidents({
        ...toIncidentQuery(state, Date.now()),
        ...scope,
        limit: state.pageSize,
        offset: state.page * state.pageSize,
      }),
    [api, state, scopeKey, version],
  );
  const goToPage = useCallback((page: number) => update({ page }), [update]);
  const pastEnd = usePastEndPage(value, state, goToPage);

  const scopeChips = [
    state.system && {
      label: t('incidents.scope.system', { system: shortRef(state.system) }),
      remove: () => update({ system: undefined }),
    },
    state.account && {
      label: t('incidents.scope.account', { account: state.account }),
      remove: () => update({ account: undefined }),
    },
  ].filter(Boolean) as Array<{ label: string; remove: () => void }>;

  let body;
  if (error) {
    body = (
      <LoadError error={error} what={t('incidents.what')} onRetry={retry} />
    );
  } else if (!value || pastEnd) {
    body = <Progress />;
  } else if (value.items.length === 0) {
    body = (
      <LevelledEmptyState
        missing="data"
        title={t('incidents.empty')}
        description={t('incidents.emptyDescription')}
      />
    );
  } else {
    body = (
      <IncidentsTable
        items={value.items}
        totalCount={value.totalCount}
        page={state.page}
        pageSize={state.pageSize}
        onPage={(page, pageSize) => update({ page, pageSize })}
        linkTo={linkTo}
        showEntity={showEntity}
      />
    );
  }

  return (
    <SectionCard
      title={
        value
          ? t('incidents.titleWithCount', { number: String(value.totalCount) })
          : t('incidents.title')
      }
      subheader={isLive ? t('incidents.live') : undefined}
    >
      <IncidentFilters value={state} onChange={update} />
      {scopeChips.length > 0 && (
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          role="group"
          aria-label={t('incidents.scope.label')}
          style={{ gap: 8 }}
          mb={2}
        >
          {scopeChips.map(chip => (
            <Chip
              key={chip.label}
              label={chip.label}
              onDelete={chip.remove}
              size="small"
            />
          ))}
        </Box>
      )}
      <div aria-busy={loading}>{body}</div>
    </SectionCard>
  );
}
