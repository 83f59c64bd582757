import { IncidentState } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Chip from '@material-ui/core/Chip';
import { useDomainLabels } from './useDomainLabels';

/** An incident's lifecycle state as an outlined chip. */
export function StateChip(props: { state: IncidentState }) {
  const labels = useDomainLabels();
  return (
    <Chip
      size="small"
      variant={props.state === 'resolved' ? 'outlined' : 'default'}
      label={labels.incidentState(props.state)}
    />
  );
}
