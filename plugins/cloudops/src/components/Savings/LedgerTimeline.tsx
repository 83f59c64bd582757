import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { LedgerEntry } from '@cloudops-ai/backstage-plugin-cloudops-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import { cloudopsTranslationRef } from '../../translation';
import { WrappingListItemText, formatTime, useDomainLabels } from '../shared';

/** An opportunity's ledger, newest first: every state transition, who made it and why. */
export function LedgerTimeline(props: { entries: LedgerEntry[] }) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const labels = useDomainLabels();
  const entries = [...props.entries].sort(
    (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
  return (
    <List dense aria-label={t('savings.detail.ledger')}>
      {entries.map(entry => (
        <ListItem key={entry.id} disableGutters divider>
          <WrappingListItemText
            primary={
              entry.from
                ? t('savings.detail.transition', {
                    from: labels.opportunityState(entry.from),
                    to: labels.opportunityState(entry.to),
                  })
                : labels.opportunityState(entry.to)
            }
            secondary={[formatTime(entry.createdAt), entry.actor, entry.note]
              .filter(Boolean)
              .join(' · ')}
          />
        </ListItem>
      ))}
    </List>
  );
}
