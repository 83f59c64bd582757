import { Link, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Incident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { cloudopsTranslationRef } from '../../translation';
import { DependencyGraph, useGraphData } from '../DependencyGraph';
import { LoadError, SectionCard } from '../shared';

/**
 * The dependency graph around the incident's entity, with every node's open
 * incidents and the path from the entity to its root cause: the RCA's top
 * candidate when there is one, else the correlator's upstream-most suspect.
 */
export function IncidentGraph(props: {
  incident: Incident;
  version?: number;
  /** Where the full graph page is, when the app has one. */
  graphLink?: (entityRef: string) => string;
  /** The RCA's top-ranked candidate (an entity ref). */
  rootCause?: string;
}) {
  const { incident, version, graphLink, rootCause } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const { graph, states, error, retry } = useGraphData(
    incident.entityRef,
    2,
    version,
  );
  const suspect = rootCause ?? incident.candidateEntityRef;
  const highlight = useMemo(
    () => ({
      focus: incident.entityRef,
      suspects: suspect ? [suspect] : [],
    }),
    [incident.entityRef, suspect],
  );

  let body;
  if (!incident.entityRef) {
    body = <Typography>{t('incident.graph.noEntity')}</Typography>;
  } else if (error) {
    body = (
      <LoadError
        error={error}
        what={t('incident.graph.what')}
        onRetry={retry}
      />
    );
  } else if (!graph) {
    body = <Progress />;
  } else {
    body = (
      <DependencyGraph
        graph={graph}
        states={states}
        highlight={highlight}
        height={420}
      />
    );
  }
  return (
    <SectionCard
      title={t('incident.graph.title')}
      action={
        incident.entityRef && graphLink ? (
          <Link to={graphLink(incident.entityRef)}>
            {t('incident.graph.open')}
          </Link>
        ) : undefined
      }
    >
      {body}
    </SectionCard>
  );
}
