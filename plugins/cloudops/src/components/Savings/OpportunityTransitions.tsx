import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  cloudopsOpportunityUpdatePermission,
  ENGINE_ONLY_STATES,
  Opportunity,
  OpportunityState,
  OPPORTUNITY_TRANSITIONS,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { cloudopsApiRef } from '../../api';
import { useActionFeedback } from '../../hooks/useActionFeedback';
import { cloudopsTranslationRef } from '../../translation';
import { endOfLocalDay, errorMessage, localDay } from '../shared';

/**
 * How long a snooze lasts unless the user picks another day. A snooze ends
 * at the end of the picked day in the user's time zone; the backend wants
 * it in the future, so tomorrow is the earliest.
 */
const SNOOZE_DAYS = 30;

/**
 * The moves a person may record in an opportunity's ledger from its state:
 * not the engine's own (validated, realized, expired), and not opening a
 * pull request, which its remediation template does. Shown only with
 * `cloudops.opportunity.update`; the backend checks it again.
 */
export function OpportunityTransitions(props: {
  opportunity: Opportunity;
  onChanged: () => void;
}) {
  const { opportunity, onChanged } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  const feedback = useActionFeedback();
  const { allowed } = usePermission({
    permission: cloudopsOpportunityUpdatePermission,
  });
  const [pending, setPending] = useState<OpportunityState>();
  const [note, setNote] = useState('');
  const [until, setUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const earliest = localDay(new Date(), 1);
  const tooEarly = pending === 'snoozed' && (!until || until < earliest);

  // None from a state this frontend does not know.
  const moves = (OPPORTUNITY_TRANSITIONS[opportunity.state] ?? []).filter(
    to => to !== 'pr_opened' && !ENGINE_ONLY_STATES.includes(to),
  );
  if (!allowed || moves.length === 0) return null;

  const open = (to: OpportunityState) => {
    setPending(to);
    setNote('');
    setFailure(undefined);
    setUntil(localDay(new Date(), SNOOZE_DAYS));
  };
  const submit = async () => {
    if (!pending) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await api.transitionOpportunity(opportunity.id, {
        to: pending,
        note: note.trim() || undefined,
        snoozeUntil:
          pending === 'snoozed'
            ? endOfLocalDay(until).toISOString()
            : undefined,
      });
      feedback.succeeded(t('savings.transitions.done'));
      setPending(undefined);
      onChanged();
    } catch (error) {
      // Said in the dialog, which stays open to correct the move.
      setFailure(`${t('savings.transitions.failed')}: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      role="group"
      aria-label={t('savings.transitions.label')}
      style={{ gap: 8 }}
      mb={2}
    >
      {moves.map(to => (
        <Button
          key={to}
          variant="outlined"
          size="small"
          onClick={() => open(to)}
        >
          {t(`savings.transitions.to.${to}`)}
        </Button>
      ))}
      <Dialog
        open={Boolean(pending)}
        onClose={() => setPending(undefined)}
        aria-labelledby="cloudops-opportunity-move"
        fullWidth
      >
        <DialogTitle id="cloudops-opportunity-move">
          {pending && t(`savings.transitions.to.${pending}`)}
          {`: ${opportunity.title}`}
        </DialogTitle>
        <DialogContent>
          {pending === 'snoozed' && (
            <TextField
              id="cloudops-opportunity-until"
              type="date"
              label={t('savings.transitions.until')}
              value={until}
              onChange={e => setUntil(e.target.value)}
              InputLabelProps={{ shrink: true }}
              inputProps={{ min: earliest }}
              error={Boolean(until) && tooEarly}
              helperText={t('savings.transitions.untilHelp')}
              required
              margin="normal"
            />
          )}
          <TextField
            id="cloudops-opportunity-note"
            fullWidth
            multiline
            minRows={2}
            label={t('savings.transitions.note')}
            value={note}
            onChange={e => setNote(e.target.value)}
            inputProps={{ maxLength: 20000 }}
            margin="normal"
          />
          {failure && (
            <Typography role="alert" color="error">
              {failure}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPending(undefined)}>
            {t('incident.actions.cancel')}
          </Button>
          <Button
            color="primary"
            variant="contained"
            disabled={busy || tooEarly}
            onClick={submit}
          >
            {t('incident.actions.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
