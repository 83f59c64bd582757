import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DemoScenario,
  DemoScenarioKindInfo,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { cloudopsTranslationRef } from '../../translation';
import {
  formatTime,
  knownLabel,
  shortRef,
  WrappingListItemText,
} from '../shared';

const STATES: readonly DemoScenario['state'][] = ['active', 'ended', 'expired'];

/** The latest scenarios: what, where, since when, and how each ended. */
export function RecentScenarios(props: {
  items: DemoScenario[];
  kinds: DemoScenarioKindInfo[];
}) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  if (props.items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('demo.empty')}
      </Typography>
    );
  }
  return (
    <List dense aria-label={t('demo.recent')}>
      {props.items.map(s => (
        <ListItem key={s.id} divider>
          <WrappingListItemText
            primary={`${
              props.kinds.find(k => k.kind === s.kind)?.title ?? s.kind
            } · ${shortRef(s.target)}`}
            secondary={knownLabel(STATES, s.state, state =>
              t(`demo.states.${state}`, {
                startedAt: formatTime(s.startedAt),
                endedBy: s.endedBy ?? '',
              }),
            )}
          />
        </ListItem>
      ))}
    </List>
  );
}
