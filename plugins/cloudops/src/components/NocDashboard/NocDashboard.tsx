import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  cloudopsDetectorReadPermission,
  Incident,
  IncidentState,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useTheme } from '@material-ui/core/styles';
import { useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { cloudopsApiRef } from '../../api';
import { useIncidentChanges } from '../../hooks/useIncidentChanges';
import { cloudopsTranslationRef } from '../../translation';
import { DemoScenarioCard } from '../DemoScenarios';
import { AsyncContent, SectionCard } from '../shared';
import { DetectorHealthTable } from './DetectorHealthTable';
import { IncidentsOverTime } from './IncidentsOverTime';
import { KpiTiles } from './KpiTiles';
import { LiveIncidentStream } from './LiveIncidentStream';
import { SystemAccountHeatMap } from './SystemAccountHeatMap';

const UNRESOLVED: IncidentState[] = ['open', 'acknowledged', 'mitigated'];

/** The windows the dashboard looks back over, with the chart's bucket for each. */
const WINDOWS = {
  '24h': { ms: 86400_000, bucketSeconds: 3600 },
  '7d': { ms: 7 * 86400_000, bucketSeconds: 6 * 3600 },
  '30d': { ms: 30 * 86400_000, bucketSeconds: 86400 },
} as const;
type WindowKey = keyof typeof WINDOWS;

/**
 * How often every panel reloads regardless of live updates: the window moves
 * on in quiet periods too (incidents leave it, MTTA and MTTR change), and
 * detector runs are not announced.
 */
const REFRESH_MS = 60_000;

/**
 * The portal-wide NOC dashboard. Every figure is aggregated by the backend:
 * five requests in all (unresolved counts, the window's counts with MTTA,
 * MTTR and series, the system × account groups, the newest unresolved
 * incidents, detector health), whatever the number of incidents, each
 * repeated when the backend announces changes (at most every few seconds)
 * and every minute.
 */
export function NocDashboard(props: {
  incidentLink: (incident: Incident) => string;
  /** The incidents of one system in one account. */
  incidentsLink: (scope: { system: string; account: string }) => string;
}) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  const theme = useTheme();
  const [windowKey, setWindowKey] = useState<WindowKey>('24h');
  const { version: changes } = useIncidentChanges({ minIntervalMs: 3000 });
  const [ticks, setTicks] = useState(0);
  useInterval(() => setTicks(n => n + 1), REFRESH_MS);
  const version = changes + ticks;
  const wall = useRef<HTMLDivElement>(null);
  const [isWall, setWall] = useState(false);
  const detectorAccess = usePermission({
    permission: cloudopsDetectorReadPermission,
  });
  const { ms, bucketSeconds } = WINDOWS[windowKey];

  const open = useAsyncRetry(
    () => api.getStats({ state: UNRESOLVED }),
    [api, version],
  );
  const windowStats = useAsyncRetry(
    () =>
      api.getStats({
        from: new Date(Date.now() - ms).toISOString(),
        bucketSeconds,
      }),
    [api, ms, bucketSeconds, version],
  );
  const heat = useAsyncRetry(
    () =>
      api.getStats({
        state: UNRESOLVED,
        groupBy: 'system',
        thenBy: 'account',
        groupLimit: 400,
      }),
    [api, version],
  );
  const stream = useAsyncRetry(
    () => api.listIncidents({ state: UNRESOLVED, limit: 15 }),
    [api, version],
  );
  const detectors = useAsyncRetry(
    async () => (detectorAccess.allowed ? api.getDetectorHealth() : undefined),
    [api, detectorAccess.allowed, version],
  );

  // Full screen also ends without the button (Esc, the browser's own
  // controls): follow the document's state, not only our clicks.
  useEffect(() => {
    const onChange = () =>
      setWall(
        Boolean(wall.current) && document.fullscreenElement === wall.current,
      );
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggleWall = async () => {
    if (document.fullscreenElement) {
      await document.exitFullscreen();
      setWall(false);
    } else if (wall.current?.requestFullscreen) {
      await wall.current.requestFullscreen();
      setWall(true);
    }
  };

  return (
    <div
      ref={wall}
      style={{
        background: theme.palette.background.default,
        overflow: isWall ? 'auto' : undefined,
        padding: isWall ? 24 : 0,
      }}
    >
      <Box display="flex" alignItems="flex-end" mb={2} style={{ gap: 16 }}>
        <FormControl style={{ minWidth: 160 }}>
          <InputLabel id="cloudops-noc-window">{t('noc.window')}</InputLabel>
          <Select
            labelId="cloudops-noc-window"
            name="window"
            value={windowKey}
            onChange={e => setWindowKey(e.target.value as WindowKey)}
          >
            {Object.keys(WINDOWS).map(key => (
              <MenuItem key={key} value={key}>
                {t(`incidents.filters.ranges.${key as WindowKey}`)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Box flexGrow={1} />
        <Button variant="outlined" onClick={toggleWall}>
          {isWall ? t('noc.exitWall') : t('noc.wall')}
        </Button>
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <AsyncContent
            state={{
              value:
                open.value && windowStats.value
                  ? { open: open.value, window: windowStats.value }
                  : undefined,
              error: open.error ?? windowStats.error,
              retry: () => {
                open.retry();
                windowStats.retry();
              },
            }}
            what={t('noc.kpis.title')}
          >
            {value => <KpiTiles open={value.open} window={value.window} />}
          </AsyncContent>
        </Grid>
        <Grid item xs={12} lg={7}>
          <SectionCard title={t('noc.overTime.title')}>
            <AsyncContent state={windowStats} what={t('noc.overTime.title')}>
              {value => (
                <IncidentsOverTime
                  stats={value}
                  bucketSeconds={bucketSeconds}
                />
              )}
            </AsyncContent>
          </SectionCard>
        </Grid>
        <Grid item xs={12} lg={5}>
          <SectionCard title={t('noc.stream.title')}>
            <AsyncContent state={stream} what={t('noc.stream.title')}>
              {value => (
                <LiveIncidentStream
                  items={value.items}
                  linkTo={props.incidentLink}
                />
              )}
            </AsyncContent>
          </SectionCard>
        </Grid>
        <Grid item xs={12}>
          <SectionCard title={t('noc.heatMap.title')}>
            <AsyncContent state={heat} what={t('noc.heatMap.title')}>
              {value => (
                <SystemAccountHeatMap
                  groups={value.groups ?? []}
                  linkTo={(system, account) =>
                    // The incidents API cannot ask for "no system" or "no
                    // account": such a cell would lead to a wider list than
                    // its count, so it gets no link.
                    system && account
                      ? props.incidentsLink({ system, account })
                      : undefined
                  }
                />
              )}
            </AsyncContent>
          </SectionCard>
        </Grid>
        <DemoScenarioCard />
        {detectorAccess.allowed && (
          <Grid item xs={12}>
            <SectionCard title={t('noc.detectors.title')}>
              <AsyncContent state={detectors} what={t('noc.detectors.what')}>
                {value => <DetectorHealthTable items={value?.items ?? []} />}
              </AsyncContent>
            </SectionCard>
          </Grid>
        )}
      </Grid>
    </div>
  );
}
