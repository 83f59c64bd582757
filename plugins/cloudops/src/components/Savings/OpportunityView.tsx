import { Link, StructuredMetadataTable } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { OpportunityDetail } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef } from '../../api';
import { useTemplateLaunchUrls } from '../../hooks/useTemplateLaunchUrls';
import { cloudopsTranslationRef } from '../../translation';
import {
  AsyncContent,
  ButtonLink,
  RiskChip,
  formatMoney,
  formatTime,
  SectionCard,
  TitledSection,
  useDomainLabels,
} from '../shared';
import { EvidenceCharts } from './EvidenceCharts';
import { LedgerTimeline } from './LedgerTimeline';
import { OpportunityTransitions } from './OpportunityTransitions';
import { RemediationRequests } from '../Remediations/RemediationRequests';

function Summary(props: { opportunity: OpportunityDetail }) {
  const { opportunity: o } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const labels = useDomainLabels();
  const money = (amount: number) => formatMoney(amount, o.currency);
  const metadata: Record<string, ReactNode> = {
    [t('savings.detail.resource')]: [
      o.resource.type,
      o.resource.name ?? o.resource.id,
    ]
      .filter(Boolean)
      .join(' '),
    [t('savings.columns.service')]: o.entityRef ? (
      <EntityRefLink entityRef={o.entityRef} />
    ) : (
      t('common.unlinked')
    ),
    [t('savings.columns.account')]: o.account ?? t('common.none'),
    [t('savings.columns.detector')]: o.detector,
    [t('savings.detail.current')]: `${o.current.description} (${money(
      o.current.monthlyCost,
    )})`,
    [t('savings.detail.recommended')]: `${o.recommended.description} (${money(
      o.recommended.monthlyCost,
    )})`,
    [t('savings.columns.monthly')]: money(o.monthlySavings),
    [t('savings.detail.realized')]: money(o.realizedToDate),
    [t('savings.detail.confidence')]: `${Math.round(o.confidence * 100)}%`,
    [t('savings.columns.risk')]: (
      <Box>
        <RiskChip level={o.risk.level} />
        {o.risk.factors.map(factor => (
          <Typography key={factor} variant="body2">
            {factor}
          </Typography>
        ))}
      </Box>
    ),
    [t('savings.columns.state')]: labels.opportunityState(o.state),
    [t('savings.columns.detected')]: formatTime(o.firstDetectedAt),
  };
  if (o.ownerRef) {
    metadata[t('savings.detail.owner')] = (
      <EntityRefLink entityRef={o.ownerRef} />
    );
  }
  if (o.pullRequestUrl) {
    metadata[t('savings.detail.pullRequest')] = (
      <Link to={o.pullRequestUrl}>{o.pullRequestUrl}</Link>
    );
  }
  return <StructuredMetadataTable metadata={metadata} />;
}

/**
 * One savings opportunity: what and where, the evidence charts behind it,
 * its ledger of transitions with the moves a person may record, the
 * remediation requests that apply it (approvers decide there), and the
 * button that opens its remediation template prefilled.
 */
export function OpportunityView(props: {
  opportunityId: string;
  backLink: string;
}) {
  const { opportunityId, backLink } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  const load = useAsyncRetry(
    () => api.getOpportunity(opportunityId),
    [api, opportunityId],
  );
  return (
    <Box>
      <Link to={backLink}>{t('savings.detail.back')}</Link>
      <AsyncContent state={load} what={t('savings.detail.what')}>
        {value => (
          <OpportunityBody opportunity={value} onChanged={load.retry} />
        )}
      </AsyncContent>
    </Box>
  );
}

function OpportunityBody(props: {
  opportunity: OpportunityDetail;
  onChanged: () => void;
}) {
  const { opportunity: value, onChanged } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  // The template the backend names for the opportunity, while registered.
  const template = useTemplateLaunchUrls([value.remediation.template], {
    opportunityId: value.id,
  })?.[0]?.url;
  const api = useApi(cloudopsApiRef);
  const remediations = useAsyncRetry(
    () => api.listOpportunityRemediations(value.id),
    [api, value.id, value.state],
  );
  return (
    <>
      <TitledSection title={value.title}>
        <Grid container spacing={3}>
          <Grid item xs={12} lg={8}>
            <Grid container spacing={3}>
              <Grid item xs={12}>
                <SectionCard
                  title={t('savings.detail.summary')}
                  action={
                    template ? (
                      <ButtonLink
                        variant="contained"
                        color="primary"
                        to={template}
                      >
                        {t('savings.detail.launch')}
                      </ButtonLink>
                    ) : undefined
                  }
                >
                  <Summary opportunity={value} />
                </SectionCard>
              </Grid>
              <Grid item xs={12}>
                <SectionCard title={t('savings.detail.evidence')}>
                  {value.evidence.summary.map(line => (
                    <Typography key={line} variant="body2" paragraph>
                      {line}
                    </Typography>
                  ))}
                  {value.evidence.charts.length > 0 ? (
                    <EvidenceCharts charts={value.evidence.charts} />
                  ) : (
                    <Typography>{t('savings.detail.noCharts')}</Typography>
                  )}
                </SectionCard>
              </Grid>
            </Grid>
          </Grid>
          <Grid item xs={12} lg={4}>
            <SectionCard title={t('savings.detail.ledger')}>
              <OpportunityTransitions
                opportunity={value}
                onChanged={onChanged}
              />
              <LedgerTimeline entries={value.ledger} />
            </SectionCard>
            {remediations.error || remediations.value?.items.length ? (
              <Box mt={3}>
                <SectionCard title={t('savings.detail.remediations')}>
                  <AsyncContent
                    state={remediations}
                    what={t('savings.detail.remediations')}
                  >
                    {list => (
                      <RemediationRequests
                        requests={list.items}
                        onChanged={() => {
                          remediations.retry();
                          onChanged();
                        }}
                      />
                    )}
                  </AsyncContent>
                </SectionCard>
              </Box>
            ) : null}
          </Grid>
        </Grid>
      </TitledSection>
    </>
  );
}
