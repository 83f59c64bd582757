import { OpportunityRisk } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Chip from '@material-ui/core/Chip';
import { useDomainLabels } from './useDomainLabels';

/** A savings opportunity's risk level; high risk stands out. */
export function RiskChip(props: { level: OpportunityRisk['level'] }) {
  const labels = useDomainLabels();
  return (
    <Chip
      size="small"
      variant={props.level === 'low' ? 'outlined' : 'default'}
      color={props.level === 'high' ? 'secondary' : 'default'}
      label={labels.risk(props.level)}
    />
  );
}
