import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  cloudopsSetupReadPermission,
  ValidationReport,
  ValidationStatus,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef } from '../../api';
import { cloudopsTranslationRef } from '../../translation';
import {
  AsyncContent,
  DataTable,
  formatTime,
  severityPalette,
  SectionCard,
  useDomainLabels,
} from '../shared';

const STATUS_COLOURS: Record<
  ValidationStatus,
  { background?: string; text?: string }
> = {
  fail: severityPalette.critical,
  warn: severityPalette.warning,
  pass: {},
  skip: {},
};

/** Failures first, then warnings, passes and skips, in report order otherwise. */
const ORDER: ValidationStatus[] = ['fail', 'warn', 'pass', 'skip'];

function ReportTable(props: { report: ValidationReport }) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const labels = useDomainLabels();
  const { report } = props;
  const count = (status: ValidationStatus) =>
    report.results.filter(r => r.status === status).length;
  const rows = report.results
    .map((result, index) => ({ result, index }))
    .sort(
      (a, b) =>
        ORDER.indexOf(a.result.status) - ORDER.indexOf(b.result.status) ||
        a.index - b.index,
    );
  return (
    <>
      <Typography role="status" gutterBottom>
        {t(report.ok ? 'setup.ok' : 'setup.failed', {
          passed: String(count('pass')),
          warnings: String(count('warn')),
          failed: String(count('fail')),
          skipped: String(count('skip')),
          at: formatTime(report.checkedAt),
        })}
      </Typography>
      <DataTable aria-label={t('setup.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('setup.status')}</TableCell>
            <TableCell>{t('setup.check')}</TableCell>
            <TableCell>{t('setup.target')}</TableCell>
            <TableCell>{t('setup.detail')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ result, index }) => {
            // None for a status this frontend does not know.
            const colours = STATUS_COLOURS[result.status] ?? {};
            return (
              <TableRow key={index}>
                <TableCell>
                  <Chip
                    size="small"
                    label={labels.setupStatus(result.status)}
                    style={{
                      backgroundColor: colours.background,
                      color: colours.text,
                    }}
                  />
                </TableCell>
                <TableCell>{result.check}</TableCell>
                <TableCell style={{ overflowWrap: 'anywhere' }}>
                  {result.target}
                </TableCell>
                <TableCell
                  style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                >
                  {result.detail}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </DataTable>
    </>
  );
}

/**
 * The set-up health view: the same checks as `yarn cloudops validate`
 * (configuration, rule files, database, AWS credentials, Prometheus and
 * Alertmanager reachability, the permission policy), run by the backend
 * when the card opens and on request.
 */
export function SetupHealth() {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  const access = usePermission({ permission: cloudopsSetupReadPermission });
  const report = useAsyncRetry(
    async () => (access.allowed ? api.getSetupHealth() : undefined),
    [api, access.allowed],
  );
  if (!access.loading && !access.allowed) {
    return (
      <SectionCard title={t('setup.title')}>
        <Typography>{t('setup.denied')}</Typography>
      </SectionCard>
    );
  }
  return (
    <SectionCard
      title={t('setup.title')}
      subheader={t('setup.subheader')}
      action={
        <Button onClick={report.retry} disabled={report.loading}>
          {t('setup.checkAgain')}
        </Button>
      }
    >
      <AsyncContent state={report} what={t('setup.what')}>
        {value => <ReportTable report={value} />}
      </AsyncContent>
    </SectionCard>
  );
}
