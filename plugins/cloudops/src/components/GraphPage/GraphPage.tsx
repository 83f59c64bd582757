import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useIncidentChanges } from '../../hooks/useIncidentChanges';
import { cloudopsTranslationRef } from '../../translation';
import { DependencyGraph, useGraphData } from '../DependencyGraph';
import { AsyncContent, SectionCard } from '../shared';

const DEPTHS = [1, 2, 3, 4, 5, 6];

/**
 * The dependency graph around any entity (`?entityRef=&depth=`), with open
 * incidents and suspected root causes on its nodes, updated live.
 */
export function GraphPage() {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const [params, setParams] = useSearchParams();
  const entityRef = params.get('entityRef') ?? '';
  const depth = Number(params.get('depth') ?? 2) || 2;
  const [draft, setDraft] = useState(entityRef);
  useEffect(() => setDraft(entityRef), [entityRef]);
  const { version } = useIncidentChanges({ minIntervalMs: 5000 });
  const data = useGraphData(entityRef || undefined, depth, version);

  const update = (next: { entityRef?: string; depth?: number }) => {
    const merged = { entityRef, depth: String(depth), ...next };
    setParams(
      new URLSearchParams({
        entityRef: merged.entityRef,
        depth: String(merged.depth),
      }),
      { replace: true },
    );
  };

  return (
    <SectionCard title={t('graph.title')}>
      <Box
        component="form"
        display="flex"
        alignItems="flex-end"
        mb={2}
        style={{ gap: 16 }}
        onSubmit={e => {
          e.preventDefault();
          update({ entityRef: draft.trim() });
        }}
      >
        <TextField
          id="cloudops-graph-entity"
          label={t('graph.entity')}
          placeholder="component:default/checkout-service"
          value={draft}
          onChange={e => setDraft(e.target.value)}
          onBlur={() =>
            draft.trim() !== entityRef && update({ entityRef: draft.trim() })
          }
          style={{ minWidth: 360 }}
        />
        <FormControl style={{ minWidth: 100 }}>
          <InputLabel id="cloudops-graph-depth">{t('graph.depth')}</InputLabel>
          <Select
            labelId="cloudops-graph-depth"
            name="depth"
            value={depth}
            onChange={e => update({ depth: Number(e.target.value) })}
          >
            {DEPTHS.map(d => (
              <MenuItem key={d} value={d}>
                {d}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Box>
      {entityRef ? (
        <AsyncContent
          state={{ value: data.graph, error: data.error, retry: data.retry }}
          what={t('incident.graph.what')}
        >
          {graph => (
            <DependencyGraph graph={graph} states={data.states} height={640} />
          )}
        </AsyncContent>
      ) : (
        <Typography>{t('graph.empty')}</Typography>
      )}
    </SectionCard>
  );
}
