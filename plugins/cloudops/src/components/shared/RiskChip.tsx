import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { OpportunityRisk } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Chip from '@material-ui/core/Chip';
import { cloudopsTranslationRef } from '../../translation';

/** A savings opportunity's risk level; high risk stands out. */
export function RiskChip(props: { level: OpportunityRisk['level'] }) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  return (
    <Chip
      size="small"
      variant={props.level === 'low' ? 'outlined' : 'default'}
      color={props.level === 'high' ? 'secondary' : 'default'}
      label={t(`savings.risk.${props.level}`)}
    />
  );
}
