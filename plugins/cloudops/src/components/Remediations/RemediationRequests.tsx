import { useApi } from '@backstage/core-plugin-api';
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
import { useState } from 'react';
import { cloudopsApiRef } from '../../api';
import { cloudopsTranslationRef } from '../../translation';
import { WrappingListItemText, formatTime } from '../shared';
import { useActionFeedback } from '../../hooks/useActionFeedback';

/**
 * The remediation requests of an incident or a savings opportunity with
 * their state and approvals; approvers (`cloudops.remediation.approve`) can
 * approve or reject those waiting. The backend checks the permission,
 * approver rules and read-only mode again.
 */
export function RemediationRequests(props: {
  requests: RemediationRequest[];
  onChanged: () => void;
}) {
  const { requests, onChanged } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  const feedback = useActionFeedback();
  const { allowed: mayApprove } = usePermission({
    permission: cloudopsRemediationApprovePermission,
  });
  const [busy, setBusy] = useState<string>();

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
            t('remediation.blockedBy', { reason: request.policy.blockedBy }),
          request.outcome?.summary ?? request.dryRun?.summary,
        ].filter(Boolean);
        return (
          <ListItem key={request.id} disableGutters divider>
            <Box width="100%">
              <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                <Chip
                  size="small"
                  label={t(`remediation.state.${request.state}`)}
                />
                <WrappingListItemText
                  primary={request.ref}
                  secondary={details.join(' · ')}
                />
              </Box>
              {mayApprove && request.state === 'awaiting-approval' && (
                <Box display="flex" style={{ gap: 8 }} mt={1}>
                  <Button
                    size="small"
                    variant="contained"
                    color="primary"
                    disabled={busy === request.id}
                    onClick={() => decide(request.id, 'approve')}
                  >
                    {t('remediation.approve')}
                  </Button>
                  <Button
                    size="small"
                    variant="outlined"
                    disabled={busy === request.id}
                    onClick={() => decide(request.id, 'reject')}
                  >
                    {t('remediation.reject')}
                  </Button>
                </Box>
              )}
            </Box>
          </ListItem>
        );
      })}
    </List>
  );
}
