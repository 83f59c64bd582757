import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef } from '../../api';
import { useIncidentChanges } from '../../hooks/useIncidentChanges';
import { cloudopsTranslationRef } from '../../translation';
import { IncidentActions } from '../IncidentActions';
import { RcaCauses, SimilarIncidents, useIncidentRca } from '../IncidentRca';
import { SuggestedRemediations } from '../Remediations';
import { RemediationTemplateLinks } from '../RemediationTemplateLinks';
import { IncidentTimeline } from '../IncidentTimeline';
import { SignalCharts } from '../SignalCharts';
import { LoadError, TitledSection } from '../shared';
import { IncidentGraph } from './IncidentGraph';
import { IncidentSummary } from './IncidentSummary';

/**
 * One incident: summary and actions, the signals that formed it, its
 * root-cause analysis (ranked causes with evidence and narrative), the
 * dependency graph around its entity with the path to the root cause,
 * suggested remediations, similar past incidents and its timeline. Reloads
 * when the backend announces a change to it.
 */
export function IncidentDetail(props: {
  incidentId: string;
  backLink: string;
  graphLink?: (entityRef: string) => string;
  /** Where another incident's detail is (for similar past incidents). */
  incidentLink?: (incidentId: string) => string;
}) {
  const { incidentId, backLink, graphLink, incidentLink } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  const { version } = useIncidentChanges({
    minIntervalMs: 1000,
    accept: message =>
      message.incidentIds.includes(incidentId) || message.more > 0,
  });
  const { value, error, retry } = useAsyncRetry(
    () => api.getIncident(incidentId),
    [api, incidentId, version],
  );
  const rca = useIncidentRca(incidentId, version);

  const back = <Link to={backLink}>{t('incident.back')}</Link>;
  if (error) {
    return (
      <>
        {back}
        <LoadError error={error} what={t('incident.what')} onRetry={retry} />
      </>
    );
  }
  if (!value) {
    return <Progress />;
  }
  return (
    <Box>
      {back}
      <TitledSection title={value.title}>
        <Grid container spacing={3}>
          <Grid item xs={12} lg={8}>
            <Grid container spacing={3}>
              <Grid item xs={12}>
                <IncidentSummary
                  incident={value}
                  actions={
                    <>
                      <IncidentActions incident={value} onChanged={retry} />
                      <RemediationTemplateLinks incident={value} />
                    </>
                  }
                />
              </Grid>
              <Grid item xs={12}>
                <SignalCharts incident={value} version={version} />
              </Grid>
              <Grid item xs={12}>
                <RcaCauses load={rca} />
              </Grid>
              <Grid item xs={12}>
                <IncidentGraph
                  incident={value}
                  version={version}
                  graphLink={graphLink}
                  rootCause={rca.value?.ranking[0]?.service}
                />
              </Grid>
            </Grid>
          </Grid>
          <Grid item xs={12} lg={4}>
            <Grid container spacing={3}>
              <Grid item xs={12}>
                <SuggestedRemediations
                  incident={value}
                  suggestions={rca.value?.remediations}
                  version={version}
                />
              </Grid>
              <Grid item xs={12}>
                <SimilarIncidents
                  similar={rca.value?.similar}
                  incidentLink={incidentLink}
                />
              </Grid>
              <Grid item xs={12}>
                <IncidentTimeline events={value.timeline} />
              </Grid>
            </Grid>
          </Grid>
        </Grid>
      </TitledSection>
    </Box>
  );
}
