import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { cloudopsTranslationRef } from '../../translation';
import { severityPalette } from '../shared';

function Swatch(props: { label: string; style: React.CSSProperties }) {
  return (
    <Box display="flex" alignItems="center" style={{ gap: 4 }}>
      <span
        aria-hidden
        style={{
          display: 'inline-block',
          width: 14,
          height: 14,
          borderRadius: '50%',
          ...props.style,
        }}
      />
      <Typography variant="caption">{props.label}</Typography>
    </Box>
  );
}

/** What the colours and rings of the graph mean. */
export function GraphLegend() {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const theme = useTheme();
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 12 }}>
      <Swatch
        label={t('graph.legend.root')}
        style={{ border: `3px solid ${theme.palette.text.primary}` }}
      />
      <Swatch
        label={t('graph.legend.incident')}
        style={{ background: severityPalette.critical.background }}
      />
      <Swatch
        label={t('graph.legend.suspect')}
        style={{ border: '3px dashed #6a1b9a' }}
      />
      <Swatch
        label={t('graph.legend.path')}
        style={{
          background: theme.palette.secondary.main,
          borderRadius: 2,
          height: 5,
        }}
      />
      <Swatch
        label={t('graph.legend.healthy')}
        style={{ background: theme.palette.grey[500] }}
      />
    </Box>
  );
}
