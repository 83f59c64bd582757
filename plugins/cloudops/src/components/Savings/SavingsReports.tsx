import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  reportLastDay,
  SavingsReport,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef } from '../../api';
import { useActionFeedback } from '../../hooks/useActionFeedback';
import { cloudopsTranslationRef } from '../../translation';
import {
  AsyncContent,
  DataTable,
  formatMoney,
  SectionCard,
  LevelledEmptyState,
} from '../shared';

/**
 * Downloads a report file (HTML or PDF), as the backend serves it
 * (`attachment`). The files need the user's credentials, so they are fetched
 * and handed to the browser as a blob; never opened in a tab: a blob URL has
 * the portal's origin, so the report's HTML would run with the portal's
 * rights (and hold `window.opener`). Typed as opaque bytes, a browser that
 * ignored `download` would still not render it.
 */
function useReportFile() {
  const api = useApi(cloudopsApiRef);
  const feedback = useActionFeedback();
  const { t } = useTranslationRef(cloudopsTranslationRef);
  return async (report: SavingsReport, format: 'html' | 'pdf') => {
    try {
      const file = await api.downloadSavingsReport(report.id, format);
      const url = URL.createObjectURL(
        new Blob([file], { type: 'application/octet-stream' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.rel = 'noopener noreferrer';
      a.download = `cloudops-savings-${report.periodStart.slice(
        0,
        10,
      )}.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      feedback.failed(t('savings.reports.failed'), error);
    }
  };
}

/** The weekly savings reports, newest first, each to download as HTML or PDF. */
export function SavingsReports() {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  const load = useAsyncRetry(() => api.listSavingsReports(), [api]);
  const file = useReportFile();

  return (
    <SectionCard title={t('savings.reports.title')}>
      <AsyncContent state={load} what={t('savings.reports.what')}>
        {reports =>
          reports.items.length === 0 ? (
            <LevelledEmptyState
              missing="data"
              title={t('savings.reports.empty')}
              description={t('savings.reports.emptyDescription')}
            />
          ) : (
            <DataTable aria-label={t('savings.reports.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('savings.reports.week')}</TableCell>
                  <TableCell align="right">
                    {t('savings.reports.saved')}
                  </TableCell>
                  <TableCell align="right">
                    {t('savings.reports.potential')}
                  </TableCell>
                  <TableCell>{t('savings.reports.files')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {reports.items.map(report => {
                  const { content } = report;
                  const week = `${report.periodStart.slice(
                    0,
                    10,
                  )} – ${reportLastDay(report.periodEnd)}`;
                  return (
                    <TableRow key={report.id}>
                      <TableCell>{week}</TableCell>
                      <TableCell align="right">
                        {formatMoney(content.savedThisWeek, content.currency)}
                      </TableCell>
                      <TableCell align="right">
                        {formatMoney(
                          content.potentialMonthlySavings,
                          content.currency,
                        )}
                      </TableCell>
                      <TableCell>
                        <Box display="flex" style={{ gap: 8 }}>
                          <Button
                            size="small"
                            variant="outlined"
                            aria-label={t('savings.reports.downloadHtmlLabel', {
                              week,
                            })}
                            onClick={() => file(report, 'html')}
                          >
                            {t('savings.reports.downloadHtml')}
                          </Button>
                          <Button
                            size="small"
                            variant="outlined"
                            aria-label={t('savings.reports.downloadLabel', {
                              week,
                            })}
                            onClick={() => file(report, 'pdf')}
                          >
                            {t('savings.reports.download')}
                          </Button>
                        </Box>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </DataTable>
          )
        }
      </AsyncContent>
    </SectionCard>
  );
}
