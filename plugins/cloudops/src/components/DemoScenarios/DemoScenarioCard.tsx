import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  cloudopsDemoScenarioRunPermission,
  DemoFleetInfo,
  DemoScenarioKind,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef } from '../../api';
import { useActionFeedback } from '../../hooks/useActionFeedback';
import { cloudopsTranslationRef } from '../../translation';
import { AsyncContent, shortRef, SectionCard } from '../shared';
import { RecentScenarios } from './RecentScenarios';

/** The form that starts a scenario: a kind, one of its targets, a button. */
function StartScenario(props: { info: DemoFleetInfo; onStarted: () => void }) {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  const feedback = useActionFeedback();
  const [kind, setKind] = useState<DemoScenarioKind>(props.info.kinds[0]?.kind);
  const info = props.info.kinds.find(k => k.kind === kind);
  const [target, setTarget] = useState<string | undefined>();
  const chosenTarget =
    target && info?.targets.includes(target) ? target : info?.defaultTarget;
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    try {
      const scenario = await api.startDemoScenario({
        kind,
        target: chosenTarget,
      });
      feedback.succeeded(
        t('demo.started', {
          title: info?.title ?? kind,
          target: shortRef(scenario.target),
        }),
      );
      props.onStarted();
    } catch (error) {
      feedback.failed(t('demo.startFailed'), error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      display="flex"
      alignItems="flex-end"
      flexWrap="wrap"
      mb={2}
      style={{ gap: 16 }}
    >
      <FormControl style={{ minWidth: 220 }}>
        <InputLabel id="cloudops-demo-kind">{t('demo.kind')}</InputLabel>
        <Select
          labelId="cloudops-demo-kind"
          name="kind"
          value={kind}
          onChange={e => setKind(e.target.value as DemoScenarioKind)}
        >
          {props.info.kinds.map(k => (
            <MenuItem key={k.kind} value={k.kind}>
              {k.title}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl style={{ minWidth: 260 }}>
        <InputLabel id="cloudops-demo-target">{t('demo.target')}</InputLabel>
        <Select
          labelId="cloudops-demo-target"
          name="target"
          value={chosenTarget ?? ''}
          onChange={e => setTarget(e.target.value as string)}
        >
          {(info?.targets ?? []).map(ref => (
            <MenuItem key={ref} value={ref}>
              {shortRef(ref)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <Button
        variant="contained"
        color="primary"
        disabled={busy || !info}
        onClick={start}
      >
        {t('demo.start')}
      </Button>
      {info && (
        <Typography variant="body2" color="textSecondary">
          {info.description}
        </Typography>
      )}
    </Box>
  );
}

/**
 * The demo fleet's chaos scenarios on the NOC page: the recent ones, and,
 * with `cloudops.demo.run`, a form that starts one. Nothing at all when the
 * demo module is off.
 */
export function DemoScenarioCard() {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const api = useApi(cloudopsApiRef);
  const { allowed } = usePermission({
    permission: cloudopsDemoScenarioRunPermission,
  });
  const demo = useAsyncRetry(
    async () => ({ info: await api.getDemo() }),
    [api],
  );
  const on = Boolean(demo.value?.info);
  const recent = useAsyncRetry(
    async () => (on ? api.listDemoScenarios({ limit: 5 }) : undefined),
    [api, on],
  );
  if (demo.value && !demo.value.info) return null;
  return (
    <Grid item xs={12}>
      <SectionCard title={t('demo.title')}>
        <AsyncContent state={demo} what={t('demo.what')}>
          {({ info }) =>
            info &&
            (allowed ? (
              <StartScenario info={info} onStarted={recent.retry} />
            ) : (
              <Typography variant="body2" color="textSecondary" paragraph>
                {t('demo.notAllowed')}
              </Typography>
            ))
          }
        </AsyncContent>
        <AsyncContent state={recent} what={t('demo.what')}>
          {value => (
            <RecentScenarios
              items={value.items}
              kinds={demo.value?.info?.kinds ?? []}
            />
          )}
        </AsyncContent>
      </SectionCard>
    </Grid>
  );
}
