import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Incident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  INCIDENT_REMEDIATION_TEMPLATES,
  templateLaunchUrl,
} from '../../remediationTemplates';
import { cloudopsTranslationRef } from '../../translation';

/**
 * Links that open the incident's remediation templates in the scaffolder,
 * prefilled with the incident; the runs report back to its timeline.
 */
export function RemediationTemplateLinks(props: { incident: Incident }) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  return (
    <Box mt={1} component="nav" aria-label={t('incident.templates.label')}>
      <Typography variant="caption" component="span">
        {t('incident.templates.label')}:{' '}
      </Typography>
      {INCIDENT_REMEDIATION_TEMPLATES.map((name, i) => (
        <span key={name}>
          {i > 0 && ' · '}
          <Link to={templateLaunchUrl(name, { incidentId: props.incident.id })}>
            {t(`incident.templates.${name}`)}
          </Link>
        </span>
      ))}
    </Box>
  );
}
