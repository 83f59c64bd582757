import { Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  IncidentRca,
  RcaCandidate,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { cloudopsTranslationRef } from '../../translation';
import {
  LoadError,
  formatTime,
  SectionCard,
  Heading,
  useDomainLabels,
} from '../shared';
import { RcaLoad } from './useIncidentRca';

/** How many ranked causes to show. */
const SHOWN = 5;

function Cause(props: { candidate: RcaCandidate; rank: number }) {
  const { candidate, rank } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const labels = useDomainLabels();
  const percent = Math.round(candidate.score * 100);
  const isEntity = /^[^:]+:[^/]+\/.+$/.test(candidate.service);
  return (
    <ListItem alignItems="flex-start" disableGutters divider>
      <Box width="100%">
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <Heading variant="subtitle1">
            {`${rank}. `}
            {isEntity ? (
              <EntityRefLink entityRef={candidate.service} />
            ) : (
              candidate.service
            )}
          </Heading>
          <Chip
            size="small"
            label={labels.fault(candidate.fault)}
            variant="outlined"
          />
          <Box flexGrow={1} />
          <Typography variant="body2">
            {t('rca.score', { percent: String(percent) })}
          </Typography>
        </Box>
        <LinearProgress
          variant="determinate"
          value={percent}
          aria-label={t('rca.scoreLabel', {
            service: candidate.service,
            percent: String(percent),
          })}
        />
        {candidate.evidence.length > 0 && (
          <ul aria-label={t('rca.evidence')} style={{ margin: '8px 0 0' }}>
            {candidate.evidence.map(reason => (
              <li key={reason}>
                <Typography variant="body2">{reason}</Typography>
              </li>
            ))}
          </ul>
        )}
      </Box>
    </ListItem>
  );
}

/** The RCA's narrative and ranked candidate root causes with their evidence. */
export function RcaCauses(props: { load: RcaLoad }) {
  const { value, error, loading, retry } = props.load;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  let body;
  if (error) {
    body = <LoadError error={error} what={t('rca.what')} onRetry={retry} />;
  } else if (loading && !value) {
    body = <Progress />;
  } else if (!value) {
    body = <Typography>{t('rca.pending')}</Typography>;
  } else {
    body = <RcaBody rca={value} />;
  }
  return <SectionCard title={t('rca.title')}>{body}</SectionCard>;
}

function RcaBody(props: { rca: IncidentRca }) {
  const { rca } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  return (
    <>
      <Typography variant="body1" paragraph style={{ whiteSpace: 'pre-line' }}>
        {rca.narrative}
      </Typography>
      <Typography variant="caption" component="p">
        {t(rca.narrativeSource === 'ai' ? 'rca.sourceAi' : 'rca.sourceEngine', {
          revision: String(rca.revision),
          time: formatTime(rca.createdAt),
          services: String(rca.inputs.services),
          series: String(rca.inputs.series),
        })}
      </Typography>
      {rca.ranking.length === 0 ? (
        <Typography>{t('rca.noCandidates')}</Typography>
      ) : (
        <List aria-label={t('rca.ranking')}>
          {rca.ranking.slice(0, SHOWN).map((candidate, i) => (
            <Cause key={candidate.service} candidate={candidate} rank={i + 1} />
          ))}
        </List>
      )}
    </>
  );
}
