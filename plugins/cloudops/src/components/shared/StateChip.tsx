import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { IncidentState } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Chip from '@material-ui/core/Chip';
import { cloudopsTranslationRef } from '../../translation';

/** An incident's lifecycle state as an outlined chip. */
export function StateChip(props: { state: IncidentState }) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  return (
    <Chip
      size="small"
      variant={props.state === 'resolved' ? 'outlined' : 'default'}
      label={t(`common.state.${props.state}`)}
    />
  );
}
