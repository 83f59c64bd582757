import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Incident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import Typography from '@material-ui/core/Typography';
import { cloudopsTranslationRef } from '../../translation';
import {
  SeverityChip,
  WrappingListItemText,
  formatTime,
  shortRef,
  useDomainLabels,
} from '../shared';

/** The newest unresolved incidents, as a log that screen readers follow politely. */
export function LiveIncidentStream(props: {
  items: Incident[];
  linkTo: (incident: Incident) => string;
}) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const labels = useDomainLabels();
  if (props.items.length === 0) {
    return <Typography>{t('noc.stream.empty')}</Typography>;
  }
  return (
    <div role="log" aria-live="polite" aria-label={t('noc.stream.title')}>
      <List dense>
        {props.items.map(incident => (
          <ListItem key={incident.id} disableGutters>
            <ListItemIcon style={{ minWidth: 90 }}>
              <SeverityChip severity={incident.severity} />
            </ListItemIcon>
            <WrappingListItemText
              primary={
                <Link to={props.linkTo(incident)}>{incident.title}</Link>
              }
              secondary={[
                incident.entityRef
                  ? shortRef(incident.entityRef)
                  : t('common.unlinked'),
                labels.incidentState(incident.state),
                formatTime(incident.lastSignalAt ?? incident.createdAt),
              ].join(' · ')}
            />
          </ListItem>
        ))}
      </List>
    </div>
  );
}
