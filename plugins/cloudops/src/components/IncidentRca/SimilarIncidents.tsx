import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { RcaSimilarIncident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { cloudopsTranslationRef } from '../../translation';
import {
  WrappingListItemText,
  formatTime,
  shortRef,
  SectionCard,
} from '../shared';

/** Past incidents that looked like this one, and what resolved them. */
export function SimilarIncidents(props: {
  similar?: RcaSimilarIncident[];
  incidentLink?: (incidentId: string) => string;
}) {
  const { similar, incidentLink } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  return (
    <SectionCard title={t('rca.similar.title')}>
      {!similar || similar.length === 0 ? (
        <Typography>{t('rca.similar.empty')}</Typography>
      ) : (
        <List dense aria-label={t('rca.similar.title')}>
          {similar.map(past => (
            <ListItem key={past.incidentId} disableGutters divider>
              <WrappingListItemText
                primary={
                  incidentLink ? (
                    <Link to={incidentLink(past.incidentId)}>{past.title}</Link>
                  ) : (
                    past.title
                  )
                }
                secondary={[
                  t('rca.similar.similarity', {
                    percent: String(Math.round(past.similarity * 100)),
                  }),
                  past.rootCause &&
                    t('rca.similar.rootCause', {
                      service: shortRef(past.rootCause),
                    }),
                  past.resolvedAt && formatTime(past.resolvedAt),
                  past.resolution.length > 0
                    ? t('rca.similar.resolution', {
                        resolution: past.resolution.join('; '),
                      })
                    : t('rca.similar.noResolution'),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItem>
          ))}
        </List>
      )}
    </SectionCard>
  );
}
