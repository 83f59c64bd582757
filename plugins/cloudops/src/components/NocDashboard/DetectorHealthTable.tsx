import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DetectorHealth } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Chip from '@material-ui/core/Chip';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { cloudopsTranslationRef } from '../../translation';
import {
  DataTable,
  formatTime,
  severityPalette,
  useFormatDuration,
  useDomainLabels,
} from '../shared';

/** Every detector on every account or cluster: failing ones first. */
export function DetectorHealthTable(props: { items: DetectorHealth[] }) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const formatDuration = useFormatDuration();
  const labels = useDomainLabels();
  if (props.items.length === 0) {
    return <Typography>{t('noc.detectors.empty')}</Typography>;
  }
  const rows = [...props.items].sort(
    (a, b) =>
      b.consecutiveFailures - a.consecutiveFailures ||
      a.detector.localeCompare(b.detector) ||
      a.shard.localeCompare(b.shard),
  );
  return (
    <DataTable aria-label={t('noc.detectors.title')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('noc.detectors.detector')}</TableCell>
          <TableCell>{t('noc.detectors.shard')}</TableCell>
          <TableCell>{t('noc.detectors.lastRun')}</TableCell>
          <TableCell align="right">{t('noc.detectors.duration')}</TableCell>
          <TableCell align="right">{t('noc.detectors.items')}</TableCell>
          <TableCell>{t('noc.detectors.outcome')}</TableCell>
          <TableCell align="right">{t('noc.detectors.failures')}</TableCell>
          <TableCell>{t('noc.detectors.error')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => {
          const failed = row.lastRun.outcome === 'failed';
          return (
            <TableRow key={`${row.detector}/${row.shard}`}>
              <TableCell>{row.detector}</TableCell>
              <TableCell>{row.shard}</TableCell>
              <TableCell>{formatTime(row.lastRun.startedAt)}</TableCell>
              <TableCell align="right">
                {row.lastRun.durationMs < 1000
                  ? t('common.duration.milliseconds', {
                      number: String(row.lastRun.durationMs),
                    })
                  : formatDuration(row.lastRun.durationMs / 1000)}
              </TableCell>
              <TableCell align="right">{row.lastRun.items}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  label={labels.detectorOutcome(row.lastRun.outcome)}
                  style={
                    failed
                      ? {
                          backgroundColor: severityPalette.critical.background,
                          color: severityPalette.critical.text,
                        }
                      : undefined
                  }
                />
              </TableCell>
              <TableCell align="right">{row.consecutiveFailures}</TableCell>
              <TableCell style={{ maxWidth: 360, overflowWrap: 'anywhere' }}>
                {row.lastRun.error ?? ''}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </DataTable>
  );
}
