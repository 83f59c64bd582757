import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  cloudopsRemediationExecutePermission,
  Incident,
  RcaRemediation,
  RemediationState,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef } from '../../api';
import { useReadOnly } from '../../hooks/useReadOnly';
import { cloudopsTranslationRef } from '../../translation';
import {
  LoadError,
  WrappingListItemText,
  SectionCard,
  Heading,
} from '../shared';
import { useActionFeedback } from '../../hooks/useActionFeedback';
import { RemediationRequests } from './RemediationRequests';

/** Requests still on their way: a second one for the same runbook waits. */
const UNDER_WAY: RemediationState[] = [
  'requested',
  'dry-run',
  'awaiting-approval',
  'approved',
  'executing',
];

/**
 * Runbooks the RCA suggests for an incident, ranked by learned success, with
 * a run button for those the dispatcher can execute (for people with
 * `cloudops.remediation.execute`; disabled in read-only mode). The backend's
 * policy decides whether a run goes ahead or waits for approvals; the
 * incident's requests below show which, with approve/reject for approvers.
 */
export function SuggestedRemediations(props: {
  incident: Incident;
  suggestions?: RcaRemediation[];
  version?: number;
}) {
  const { incident, suggestions, version } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  const feedback = useActionFeedback();
  const readOnly = useReadOnly();
  const { allowed: mayRun } = usePermission({
    permission: cloudopsRemediationExecutePermission,
  });
  const requests = useAsyncRetry(
    () => api.listRemediations(incident.id),
    [api, incident.id, version],
  );
  const [busy, setBusy] = useState<string>();

  const run = async (suggestion: RcaRemediation) => {
    if (!suggestion.action) return;
    setBusy(suggestion.runbookId);
    try {
      const request = await api.requestRemediation(incident.id, {
        executor: suggestion.action.type,
        ref: suggestion.runbookId,
        parameters: suggestion.action.params ?? {},
      });
      feedback.succeeded(
        t(
          request.state === 'awaiting-approval'
            ? 'remediation.awaitingApproval'
            : 'remediation.requested',
          { needed: String(request.policy.approvalsRequired) },
        ),
        request.state === 'blocked' ? 'warning' : 'success',
      );
      requests.retry();
    } catch (error) {
      feedback.failed(t('remediation.failed'), error);
    } finally {
      setBusy(undefined);
    }
  };

  const underWay = new Set(
    (requests.value?.items ?? [])
      .filter(r => UNDER_WAY.includes(r.state))
      .map(r => r.ref),
  );

  let list;
  if (!suggestions || suggestions.length === 0) {
    list = <Typography>{t('remediation.empty')}</Typography>;
  } else {
    list = (
      <List dense aria-label={t('remediation.suggested')}>
        {suggestions.map(suggestion => (
          <ListItem key={suggestion.runbookId} disableGutters divider>
            <Box
              width="100%"
              display="flex"
              alignItems="center"
              flexWrap="wrap"
              style={{ gap: 8 }}
            >
              <Box flexGrow={1} minWidth={200}>
                <WrappingListItemText
                  primary={
                    suggestion.url ? (
                      <Link to={suggestion.url}>{suggestion.title}</Link>
                    ) : (
                      suggestion.title
                    )
                  }
                  secondary={`${suggestion.reason} · ${
                    suggestion.uses > 0
                      ? t('remediation.success', {
                          percent: String(
                            Math.round(suggestion.successRate * 100),
                          ),
                          uses: String(suggestion.uses),
                        })
                      : t('remediation.unused')
                  }`}
                />
              </Box>
              {mayRun && suggestion.executable && suggestion.action && (
                <Button
                  variant="outlined"
                  color="primary"
                  size="small"
                  disabled={
                    readOnly ||
                    busy === suggestion.runbookId ||
                    underWay.has(suggestion.runbookId)
                  }
                  aria-label={t('remediation.runLabel', {
                    title: suggestion.title,
                  })}
                  onClick={() => run(suggestion)}
                >
                  {underWay.has(suggestion.runbookId)
                    ? t('remediation.underWay')
                    : t('remediation.run')}
                </Button>
              )}
            </Box>
          </ListItem>
        ))}
      </List>
    );
  }

  let requestList;
  if (requests.error) {
    requestList = (
      <LoadError
        error={requests.error}
        what={t('remediation.requestsWhat')}
        onRetry={requests.retry}
      />
    );
  } else if (!requests.value) {
    requestList = <Progress />;
  } else if (requests.value.items.length > 0) {
    requestList = (
      <>
        <Heading variant="subtitle2">{t('remediation.requests')}</Heading>
        <RemediationRequests
          requests={requests.value.items}
          onChanged={requests.retry}
        />
      </>
    );
  }

  return (
    <SectionCard title={t('remediation.title')}>
      {readOnly && mayRun && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {t('remediation.readOnly')}
        </Typography>
      )}
      {list}
      {requestList}
    </SectionCard>
  );
}
