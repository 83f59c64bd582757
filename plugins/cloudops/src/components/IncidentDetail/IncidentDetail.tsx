import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef } from '../../api';
import { useIncidentChanges } from '../../hooks/useIncidentChanges';
import { cloudopsTranslationRef } from '../../translation';
import { IncidentActions } from '../IncidentActions';
import { RemediationTemplateLinks } from '../RemediationTemplateLinks';
import { IncidentTimeline } from '../IncidentTimeline';
import { SignalCharts } from '../SignalCharts';
import { LoadError } from '../shared';
import { IncidentGraph } from './IncidentGraph';
import { IncidentSummary } from './IncidentSummary';

/**
 * One incident: summary and actions, the signals that formed it, the
 * dependency graph around its entity, and its timeline. Reloads when the
 * backend announces a change to it.
 *
 * Root-cause causes and narrative, similar past incidents and remediation
 * suggestions are recorded in the timeline today; their own panels join this
 * grid (beside the signals) with the RCA and remediation APIs.
 */
export function IncidentDetail(props: {
  incidentId: string;
  backLink: string;
  graphLink?: (entityRef: string) => string;
}) {
  const { incidentId, backLink, graphLink } = props;
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
      <Typography variant="h4" component="h2" gutterBottom>
        {value.title}
      </Typography>
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
              <IncidentGraph
                incident={value}
                version={version}
                graphLink={graphLink}
              />
            </Grid>
          </Grid>
        </Grid>
        <Grid item xs={12} lg={4}>
          <IncidentTimeline events={value.timeline} />
        </Grid>
      </Grid>
    </Box>
  );
}
