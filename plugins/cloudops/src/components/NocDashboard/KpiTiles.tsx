import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  IncidentStats,
  INCIDENT_SEVERITIES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import InfoOutlined from '@material-ui/icons/InfoOutlined';
import { ReactNode } from 'react';
import { cloudopsTranslationRef } from '../../translation';
import { severityPalette, useFormatDuration } from '../shared';

/**
 * A tile's explanation: a button that shows it as a tooltip on hover and on
 * keyboard focus, and is named by it for screen readers.
 */
function Help(props: { text: string }) {
  return (
    <Tooltip title={props.text}>
      <IconButton
        size="small"
        aria-label={props.text}
        style={{ color: 'inherit', padding: 2, marginLeft: 4 }}
      >
        <InfoOutlined fontSize="inherit" />
      </IconButton>
    </Tooltip>
  );
}

function Tile(props: {
  label: string;
  value: ReactNode;
  help?: string;
  colors?: { background: string; text: string };
}) {
  return (
    <Paper
      component="li"
      style={{
        padding: 16,
        listStyle: 'none',
        backgroundColor: props.colors?.background,
        color: props.colors?.text,
      }}
    >
      <Typography variant="body2" component="p" style={{ color: 'inherit' }}>
        {props.label}
        {props.help && <Help text={props.help} />}
      </Typography>
      <Typography
        variant="h3"
        component="p"
        style={{ color: 'inherit', fontWeight: 700 }}
      >
        {props.value}
      </Typography>
    </Paper>
  );
}

/**
 * The headline figures: unresolved incidents in total and by severity, and
 * MTTA / MTTR of the incidents opened in the window.
 */
export function KpiTiles(props: {
  open: IncidentStats;
  window: IncidentStats;
}) {
  const { open, window } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const formatDuration = useFormatDuration();
  const duration = (seconds: number | null) =>
    seconds === null ? t('noc.kpis.noData') : formatDuration(seconds);
  return (
    <Box
      component="ul"
      aria-label={t('noc.kpis.title')}
      display="grid"
      p={0}
      m={0}
      style={{
        gap: 16,
        gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))',
      }}
    >
      <Tile label={t('noc.kpis.open')} value={open.total} />
      {INCIDENT_SEVERITIES.map(severity => (
        <Tile
          key={severity}
          label={t(`common.severity.${severity}`)}
          value={open.bySeverity[severity]}
          colors={
            open.bySeverity[severity] > 0
              ? severityPalette[severity]
              : undefined
          }
        />
      ))}
      <Tile
        label={t('noc.kpis.mtta')}
        value={duration(window.mttaSeconds)}
        help={t('noc.kpis.mttaHelp')}
      />
      <Tile
        label={t('noc.kpis.mttr')}
        value={duration(window.mttrSeconds)}
        help={t('noc.kpis.mttrHelp')}
      />
    </Box>
  );
}
