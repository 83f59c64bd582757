import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { IncidentSeverity } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Chip from '@material-ui/core/Chip';
import { cloudopsTranslationRef } from '../../translation';
import { severityPalette } from './severityPalette';

/** An incident's severity as a coloured chip. */
export function SeverityChip(props: { severity: IncidentSeverity }) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const colors = severityPalette[props.severity];
  return (
    <Chip
      size="small"
      label={t(`common.severity.${props.severity}`)}
      style={{ backgroundColor: colors.background, color: colors.text }}
    />
  );
}
