import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Incident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { cloudopsTranslationRef } from '../../translation';
import { DependencyGraph, useGraphData } from '../DependencyGraph';
import { LoadError } from '../shared';

/**
 * The dependency graph around the incident's entity, with every node's open
 * incidents and the path from the entity to its candidate root cause.
 */
export function IncidentGraph(props: {
  incident: Incident;
  version?: number;
  /** Where the full graph page is, when the app has one. */
  graphLink?: (entityRef: string) => string;
}) {
  const { incident, version, graphLink } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const { graph, states, error, retry } = useGraphData(
    incident.entityRef,
    2,
    version,
  );
  const highlight = useMemo(
    () => ({
      focus: incident.entityRef,
      suspects: incident.candidateEntityRef
        ? [incident.candidateEntityRef]
        : [],
    }),
    [incident.entityRef, incident.candidateEntityRef],
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
    <InfoCard
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
    </InfoCard>
  );
}
