import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Progress } from '@backstage/core-components';
import { lazy, Suspense, useMemo } from 'react';
import { Route, Routes, useParams } from 'react-router-dom';
import { IncidentList } from '../IncidentList';

const IncidentDetail = lazy(() =>
  import('../IncidentDetail').then(m => ({ default: m.IncidentDetail })),
);

function DetailRoute() {
  const { incidentId } = useParams();
  return (
    <Suspense fallback={<Progress />}>
      <IncidentDetail
        incidentId={incidentId!}
        backLink=".."
        incidentLink={id => `../${encodeURIComponent(id)}`}
      />
    </Suspense>
  );
}

/**
 * The Incidents tab of an entity page: the entity's incidents (its own and
 * those it is the candidate root cause of) with filters and live updates, and
 * each incident's detail at `<tab>/<incident id>`.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const scope = useMemo(() => ({ entityRef }), [entityRef]);
  return (
    <Routes>
      <Route
        path="/"
        element={
          <IncidentList scope={scope} linkTo={incident => incident.id} />
        }
      />
      <Route path=":incidentId" element={<DetailRoute />} />
    </Routes>
  );
}
