import { IncidentSeverity } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Chip from '@material-ui/core/Chip';
import { severityPalette } from './severityPalette';
import { useDomainLabels } from './useDomainLabels';

/**
 * An incident's severity as a coloured chip; uncoloured for a severity this
 * frontend does not know.
 */
export function SeverityChip(props: { severity: IncidentSeverity }) {
  const labels = useDomainLabels();
  const colors: { background: string; text: string } | undefined =
    severityPalette[props.severity];
  return (
    <Chip
      size="small"
      label={labels.severity(props.severity)}
      style={
        colors && { backgroundColor: colors.background, color: colors.text }
      }
    />
  );
}
