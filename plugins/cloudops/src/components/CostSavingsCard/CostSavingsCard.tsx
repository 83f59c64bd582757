import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef } from '../../api';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { rootRouteRef } from '../../routes';
import { cloudopsTranslationRef } from '../../translation';
import {
  AsyncContent,
  RiskChip,
  WrappingListItemText,
  formatMoney,
  SectionCard,
  Heading,
} from '../shared';
import { SavingsSparkline } from './SavingsSparkline';

function Figure(props: { label: string; value: string; detail?: string }) {
  return (
    <Box>
      <Typography variant="overline" component="p">
        {props.label}
      </Typography>
      <Typography variant="h4" component="p">
        {props.value}
      </Typography>
      {props.detail && (
        <Typography variant="caption" component="p">
          {props.detail}
        </Typography>
      )}
    </Box>
  );
}

/**
 * Cost savings of one service (or of the whole estate without an entity
 * ref): potential monthly savings of its open opportunities, what was
 * realized to date with a sparkline per month, and the top opportunities
 * linked to the savings page (unlinked where the app has no CloudOps page).
 */
export function CostSavingsCard(props: { entityRef?: string }) {
  const { entityRef } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  // Undefined where the app has no CloudOps page: the card then shows the
  // figures without links to it.
  const root = useOptionalRouteRef(rootRouteRef);
  const load = useAsyncRetry(
    () => api.getSavingsSummary({ entityRef }),
    [api, entityRef],
  );

  return (
    <SectionCard
      title={t('savings.card.title')}
      deepLink={
        root && { title: t('savings.card.all'), link: `${root()}/savings` }
      }
    >
      <AsyncContent state={load} what={t('savings.card.what')}>
        {value => {
          const money = (amount: number) => formatMoney(amount, value.currency);
          return (
            <Grid container spacing={2}>
              <Grid item xs={6}>
                <Figure
                  label={t('savings.card.potential')}
                  value={money(value.potentialMonthlySavings)}
                  detail={t('savings.card.openCount', {
                    number: String(value.openCount),
                  })}
                />
              </Grid>
              <Grid item xs={6}>
                <Figure
                  label={t('savings.card.realized')}
                  value={money(value.realizedToDate)}
                  detail={t('savings.card.realizedMonthly', {
                    amount: money(value.realizedMonthly),
                  })}
                />
              </Grid>
              {value.realizedSeries.length > 1 && (
                <Grid item xs={12}>
                  <SavingsSparkline
                    series={value.realizedSeries}
                    currency={value.currency}
                    label={t('savings.card.sparkline')}
                  />
                </Grid>
              )}
              <Grid item xs={12}>
                <Heading variant="subtitle2">{t('savings.card.top')}</Heading>
                {value.topOpportunities.length === 0 ? (
                  <Typography>{t('savings.card.empty')}</Typography>
                ) : (
                  <List dense aria-label={t('savings.card.top')}>
                    {value.topOpportunities.map(opportunity => (
                      <ListItem key={opportunity.id} disableGutters divider>
                        <WrappingListItemText
                          primary={
                            root ? (
                              <Link
                                to={`${root()}/savings/${encodeURIComponent(
                                  opportunity.id,
                                )}`}
                              >
                                {opportunity.title}
                              </Link>
                            ) : (
                              opportunity.title
                            )
                          }
                          secondary={t('savings.card.perMonth', {
                            amount: formatMoney(
                              opportunity.monthlySavings,
                              opportunity.currency,
                            ),
                          })}
                        />
                        <RiskChip level={opportunity.risk.level} />
                      </ListItem>
                    ))}
                  </List>
                )}
              </Grid>
            </Grid>
          );
        }}
      </AsyncContent>
    </SectionCard>
  );
}
