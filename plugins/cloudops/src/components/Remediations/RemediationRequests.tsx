import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  cloudopsRemediationApprovePermission,
  RemediationRequest,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { cloudopsApiRef } from '../../api';
import { cloudopsTranslationRef } from '../../translation';
import { WrappingListItemText, formatTime, useDomainLabels } from '../shared';
import { useActionFeedback } from '../../hooks/useActionFeedback';

/**
 * Approve and Reject for one waiting request, disabled with the reason where
 * the backend would refuse the signed-in user (`me`, still loading or
 * unknown if its value is undefined): approving their own request, or
 * deciding a second time.
 */
function DecisionButtons(props: {
  request: RemediationRequest;
  me: { loading: boolean; value?: string };
  busy: boolean;
  onDecide: (decision: 'approve' | 'reject') => void;
}) {
  const { request, me, busy, onDecide } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const decided = request.decisions.some(d => d.actor === me.value);
  const own = request.requestedBy === me.value;
  const waiting = me.loading || busy;
  let reason: string | undefined;
  if (decided) reason = t('remediation.alreadyDecided');
  else if (own) reason = t('remediation.ownRequest');
  const reasonId = `cloudops-remediation-${request.id}-why`;
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 8 }}
      mt={1}
    >
      <Button
        size="small"
        variant="contained"
        color="primary"
        disabled={waiting || decided || own}
        aria-describedby={reason ? reasonId : undefined}
        onClick={() => onDecide('approve')}
      >
        {t('remediation.approve')}
      </Button>
      <Button
        size="small"
        variant="outlined"
        disabled={waiting || decided}
        aria-describedby={decided ? reasonId : undefined}
        onClick={() => onDecide('reject')}
      >
        {t('remediation.reject')}
      </Button>
      {reason && (
        <Typography id={reasonId} variant="caption" color="textSecondary">
          {reason}
        </Typography>
      )}
    </Box>
  );
}

/**
 * The remediation requests of an incident or a savings opportunity with
 * their state and approvals; approvers (`cloudops.remediation.approve`) can
 * approve or reject those waiting, except what the backend would refuse:
 * no one approves their own request, and no one decides twice (each is said
 * beside the buttons). The backend checks the permission, approver rules and
 * read-only mode again.
 */
export function RemediationRequests(props: {
  requests: RemediationRequest[];
  onChanged: () => void;
}) {
  const { requests, onChanged } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const labels = useDomainLabels();
  const api = useApi(cloudopsApiRef);
  const feedback = useActionFeedback();
  const { allowed: mayApprove } = usePermission({
    permission: cloudopsRemediationApprovePermission,
  });
  const [busy, setBusy] = useState<string>();
  const identityApi = useApi(identityApiRef);
  // Until the user is known, deciding waits; if it cannot be known, the
  // backend is left to refuse.
  const me = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );

  const decide = async (id: string, decision: 'approve' | 'reject') => {
    setBusy(id);
    try {
      await api.decideRemediation(id, decision);
      feedback.succeeded(
        t(
          decision === 'approve'
            ? 'remediation.approved'
            : 'remediation.rejected',
        ),
      );
      onChanged();
    } catch (error) {
      feedback.failed(t('remediation.decisionFailed'), error);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <List dense aria-label={t('remediation.requests')}>
      {requests.map(request => {
        const approvals = request.decisions.filter(
          d => d.decision === 'approve',
        ).length;
        const details = [
          `${request.executor} · ${request.ref}`,
          t('remediation.requestedBy', {
            who: request.requestedBy,
            time: formatTime(request.createdAt),
          }),
          request.policy.approvalsRequired > 0 &&
            t('remediation.approvals', {
              done: String(approvals),
              needed: String(request.policy.approvalsRequired),
            }),
          request.policy.blockedBy &&
            t('remediation.blockedBy', {
              reason: labels.blocker(request.policy.blockedBy),
            }),
          // What approvers approve: what it touches, and exactly what runs.
          // (Requests stored by older versions may have no targets.)
          request.policy.targets?.length &&
            t('remediation.touches', {
              targets: request.policy.targets.join(', '),
            }),
          request.policy.pin &&
            t('remediation.pinned', {
              pin: Object.entries(request.policy.pin)
                .map(([key, value]) => `${key} ${value}`)
                .join(', '),
            }),
          request.outcome?.summary ?? request.dryRun?.summary,
        ].filter(Boolean);
        return (
          <ListItem key={request.id} disableGutters divider>
            <Box width="100%">
              <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                <Chip
                  size="small"
                  label={labels.remediationState(request.state)}
                />
                <WrappingListItemText
                  primary={request.ref}
                  secondary={details.join(' · ')}
                />
              </Box>
              {mayApprove && request.state === 'awaiting-approval' && (
                <DecisionButtons
                  request={request}
                  me={me}
                  busy={busy === request.id}
                  onDecide={decision => decide(request.id, decision)}
                />
              )}
            </Box>
          </ListItem>
        );
      })}
    </List>
  );
}
