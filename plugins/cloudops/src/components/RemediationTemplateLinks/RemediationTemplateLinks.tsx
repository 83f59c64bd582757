import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Incident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTemplateLaunchUrls } from '../../hooks/useTemplateLaunchUrls';
import { INCIDENT_REMEDIATION_TEMPLATES } from '../../remediationTemplates';
import { cloudopsTranslationRef } from '../../translation';

/**
 * Links that open the incident's remediation templates in the scaffolder,
 * prefilled with the incident; the runs report back to its timeline. Only
 * the templates registered in the catalog are linked; none, no links.
 */
export function RemediationTemplateLinks(props: { incident: Incident }) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const templates = useTemplateLaunchUrls(INCIDENT_REMEDIATION_TEMPLATES, {
    incidentId: props.incident.id,
  });
  if (!templates?.length) {
    return null;
  }
  return (
    <Box mt={1} component="nav" aria-label={t('incident.templates.label')}>
      <Typography variant="caption" component="span">
        {t('incident.templates.label')}:{' '}
      </Typography>
      {templates.map(({ name, url }, i) => (
        <span key={name}>
          {i > 0 && ' · '}
          <Link to={url}>{t(`incident.templates.${name}`)}</Link>
        </span>
      ))}
    </Box>
  );
}
