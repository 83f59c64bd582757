import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { lazy, Suspense } from 'react';
import { Route, Routes, useParams } from 'react-router-dom';
import { cloudopsTranslationRef } from '../../translation';
import {
  DEFAULT_LIST_STATE,
  IncidentList,
  listStateParams,
} from '../IncidentList';
import { NocDashboard } from '../NocDashboard';
import { ButtonLink, LevelledEmptyState } from '../shared';
import { SectionNav } from './SectionNav';

// Loaded when first visited, so the dashboard does not wait for them.
const GraphPage = lazy(() =>
  import('../GraphPage').then(m => ({ default: m.GraphPage })),
);
const SetupHealth = lazy(() =>
  import('../SetupHealth').then(m => ({ default: m.SetupHealth })),
);
const SavingsPage = lazy(() =>
  import('../Savings').then(m => ({ default: m.SavingsPage })),
);
const IncidentDetail = lazy(() =>
  import('../IncidentDetail').then(m => ({ default: m.IncidentDetail })),
);

/** Links inside the page are relative to its mount point (`/cloudops` by default). */
const links = {
  incident: (id: string) => `incidents/${encodeURIComponent(id)}`,
  graph: (entityRef: string) => `graph?${new URLSearchParams({ entityRef })}`,
};

/** Every incident; a heat-map cell's `system` and `account` are list filters in the URL. */
function AllIncidents() {
  return (
    <IncidentList
      showEntity
      linkTo={incident => encodeURIComponent(incident.id)}
    />
  );
}

function Detail() {
  const { incidentId } = useParams();
  return (
    <IncidentDetail
      incidentId={incidentId!}
      backLink="../incidents"
      graphLink={entityRef => `../${links.graph(entityRef)}`}
      incidentLink={id => `../${links.incident(id)}`}
    />
  );
}

/** An address under the page that none of its sections has. */
function NotFound() {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  return (
    <LevelledEmptyState
      missing="info"
      title={t('noc.notFound.title')}
      description={t('noc.notFound.description')}
      action={
        <ButtonLink variant="outlined" to="">
          {t('noc.notFound.back')}
        </ButtonLink>
      }
    />
  );
}

/**
 * The portal-wide CloudOps page: the NOC dashboard, every incident, one
 * incident's detail, the dependency graph explorer, and the savings
 * opportunities and weekly reports.
 *
 * @public
 */
export function CloudopsPage() {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  return (
    <Page themeId="tool">
      <Header title={t('noc.title')} subtitle={t('noc.subtitle')} />
      <Content>
        <SectionNav
          label={t('noc.title')}
          sections={[
            { to: '', title: t('noc.title') },
            { to: 'incidents', title: t('incidents.title') },
            { to: 'graph', title: t('graph.title') },
            { to: 'setup', title: t('setup.title') },
            { to: 'savings', title: t('savings.title') },
            { to: 'savings/reports', title: t('savings.reports.title') },
          ]}
        />
        <Suspense fallback={<Progress />}>
          <Routes>
            <Route
              path="/"
              element={
                <NocDashboard
                  incidentLink={incident => links.incident(incident.id)}
                  incidentsLink={scope =>
                    `incidents?${listStateParams({
                      ...DEFAULT_LIST_STATE,
                      ...scope,
                    })}`
                  }
                />
              }
            />
            <Route path="incidents" element={<AllIncidents />} />
            <Route path="incidents/:incidentId" element={<Detail />} />
            <Route path="graph" element={<GraphPage />} />
            <Route path="setup" element={<SetupHealth />} />
            <Route path="savings/*" element={<SavingsPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Content>
    </Page>
  );
}
