import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  cloudopsIncidentUpdatePermission,
  Incident,
  IncidentState,
  INCIDENT_TRANSITIONS,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { cloudopsApiRef } from '../../api';
import { cloudopsTranslationRef } from '../../translation';
import { useActionFeedback } from '../../hooks/useActionFeedback';

/** What the dialog is for: a lifecycle move (with an optional note) or a note alone. */
type Pending = { kind: 'transition'; to: IncidentState } | { kind: 'note' };

/**
 * Acknowledge, mitigate, resolve, reopen and note buttons: only the moves the
 * incident's state allows, and only for people allowed to change incidents
 * (`cloudops.incident.update`). The backend checks the same permission.
 */
export function IncidentActions(props: {
  incident: Incident;
  onChanged: () => void;
}) {
  const { incident, onChanged } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  const feedback = useActionFeedback();
  const { allowed } = usePermission({
    permission: cloudopsIncidentUpdatePermission,
  });
  const [pending, setPending] = useState<Pending>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  if (!allowed) {
    return null;
  }

  const close = () => {
    setPending(undefined);
    setNote('');
  };

  const submit = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      if (pending.kind === 'transition') {
        await api.transitionIncident(
          incident.id,
          pending.to,
          note.trim() || undefined,
        );
      } else {
        await api.addIncidentNote(incident.id, note.trim());
      }
      feedback.succeeded(t('incident.actions.done'));
      close();
      onChanged();
    } catch (error) {
      feedback.failed(t('incident.actions.failed'), error);
    } finally {
      setBusy(false);
    }
  };

  const noteRequired = pending?.kind === 'note';
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      role="group"
      aria-label={t('incident.actions.label')}
      style={{ gap: 8 }}
    >
      {/* None from a state this frontend does not know. */}
      {(INCIDENT_TRANSITIONS[incident.state] ?? []).map(to => (
        <Button
          key={to}
          variant={to === 'resolved' ? 'contained' : 'outlined'}
          color="primary"
          onClick={() => setPending({ kind: 'transition', to })}
        >
          {t(`incident.actions.${to}`)}
        </Button>
      ))}
      <Button variant="outlined" onClick={() => setPending({ kind: 'note' })}>
        {t('incident.actions.note')}
      </Button>
      <Dialog
        open={Boolean(pending)}
        onClose={close}
        aria-labelledby="cloudops-action-title"
        fullWidth
      >
        <DialogTitle id="cloudops-action-title">
          {pending?.kind === 'transition'
            ? t(`incident.actions.${pending.to}`)
            : t('incident.actions.note')}
          {`: ${incident.title}`}
        </DialogTitle>
        <DialogContent>
          <TextField
            id="cloudops-action-note"
            fullWidth
            multiline
            minRows={3}
            label={
              noteRequired
                ? t('incident.actions.noteLabel')
                : t('incident.actions.transitionNoteLabel')
            }
            placeholder={t('incident.actions.notePlaceholder')}
            value={note}
            onChange={e => setNote(e.target.value)}
            required={noteRequired}
            inputProps={{ maxLength: 20000 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('incident.actions.cancel')}</Button>
          <Button
            color="primary"
            variant="contained"
            disabled={busy || (noteRequired && !note.trim())}
            onClick={submit}
          >
            {t('incident.actions.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
