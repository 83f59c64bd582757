import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { IncidentEvent } from '@cloudops-ai/backstage-plugin-cloudops-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { cloudopsTranslationRef } from '../../translation';
import {
  WrappingListItemText,
  formatTime,
  SectionCard,
  useDomainLabels,
} from '../shared';

/**
 * An incident's timeline, newest first: openings, signals, correlations,
 * lifecycle moves, notes, and (as they are recorded) root-cause analyses,
 * actions and approvals.
 */
export function IncidentTimeline(props: { events: IncidentEvent[] }) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const labels = useDomainLabels();
  const events = [...props.events].sort(
    (a, b) =>
      Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
      Number(b.id) - Number(a.id),
  );
  return (
    <SectionCard title={t('incident.timeline.title')}>
      {events.length === 0 ? (
        <Typography>{t('incident.timeline.empty')}</Typography>
      ) : (
        <List dense aria-label={t('incident.timeline.title')}>
          {events.map(event => (
            <ListItem key={event.id} alignItems="flex-start" disableGutters>
              <WrappingListItemText
                primaryTypographyProps={{ style: { overflowWrap: 'anywhere' } }}
                secondaryTypographyProps={{
                  style: { overflowWrap: 'anywhere' },
                }}
                primary={event.message}
                secondary={`${formatTime(event.createdAt)} · ${labels.eventType(
                  event.type,
                )} · ${event.actor}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </SectionCard>
  );
}
