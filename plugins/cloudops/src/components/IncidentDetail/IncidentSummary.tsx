import { StructuredMetadataTable } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { IncidentDetail } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { cloudopsTranslationRef } from '../../translation';
import {
  formatTime,
  SeverityChip,
  StateChip,
  useFormatDuration,
  SectionCard,
} from '../shared';

/** What an incident is, where, how far along, with its actions. */
export function IncidentSummary(props: {
  incident: IncidentDetail;
  actions: ReactNode;
}) {
  const { incident, actions } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const formatDuration = useFormatDuration();
  /** A time with how long after the opening it was, e.g. `… (+12m)`. */
  const after = (at?: string) =>
    at &&
    t('incident.sinceOpened', {
      time: formatTime(at),
      duration: formatDuration(
        (Date.parse(at) - Date.parse(incident.createdAt)) / 1000,
      ),
    });
  const firing = incident.alertKeys.filter(key => key.status === 'firing');
  const metadata: Record<string, ReactNode> = {
    [t('incident.service')]: incident.entityRef ? (
      <EntityRefLink entityRef={incident.entityRef} />
    ) : (
      t('common.unlinked')
    ),
  };
  if (
    incident.candidateEntityRef &&
    incident.candidateEntityRef !== incident.entityRef
  ) {
    metadata[t('incident.suspect')] = (
      <EntityRefLink entityRef={incident.candidateEntityRef} />
    );
  }
  if (incident.systemRef) {
    metadata[t('incident.system')] = (
      <EntityRefLink entityRef={incident.systemRef} />
    );
  }
  if (incident.ownerRef) {
    metadata[t('incident.owner')] = (
      <EntityRefLink entityRef={incident.ownerRef} />
    );
  }
  if (incident.account) metadata[t('incident.account')] = incident.account;
  if (incident.assignee) metadata[t('incident.assignee')] = incident.assignee;
  metadata[t('incident.opened')] = formatTime(incident.createdAt);
  const acknowledged = after(incident.acknowledgedAt);
  if (acknowledged) metadata[t('incident.acknowledged')] = acknowledged;
  const mitigated = after(incident.mitigatedAt);
  if (mitigated) metadata[t('incident.mitigated')] = mitigated;
  const resolved = after(incident.resolvedAt);
  if (resolved) metadata[t('incident.resolved')] = resolved;
  metadata[t('incident.signalCount')] = incident.signalCount;
  if (incident.ruleId) metadata[t('incident.rule')] = incident.ruleId;
  if (firing.length) {
    metadata[t('incident.alertGroups')] = firing
      .map(key => key.dedupKey)
      .join(', ');
  }

  return (
    <SectionCard title={t('incident.summary')}>
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
        <SeverityChip severity={incident.severity} />
        <StateChip state={incident.state} />
      </Box>
      {incident.description && (
        <Typography paragraph>{incident.description}</Typography>
      )}
      <StructuredMetadataTable metadata={metadata} />
      <Box mt={2}>{actions}</Box>
    </SectionCard>
  );
}
