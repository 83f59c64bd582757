import { useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, entityRouteRef } from '@backstage/plugin-catalog-react';
import { DependencyGraph as Graph } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { cloudopsTranslationRef } from '../../translation';
import { WrappingListItemText, shortRef, Heading } from '../shared';
import { GraphCanvas } from './GraphCanvas';
import { GraphHighlight, NodeState } from './graphModel';
import { GraphLegend } from './GraphLegend';

/** The most entities the keyboard list shows at once; the filter finds the rest. */
const LIST_LIMIT = 100;

/**
 * The dependency graph with incident state on its nodes, a legend, the
 * selected entity's details, and a filterable list of the same entities for
 * keyboard and screen-reader users (selecting in the list selects on the
 * canvas).
 */
export function DependencyGraph(props: {
  graph: Graph;
  states: Map<string, NodeState>;
  highlight?: GraphHighlight;
  height?: number;
}) {
  const { graph, states } = props;
  const highlight = useMemo(() => props.highlight ?? {}, [props.highlight]);
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const navigate = useNavigate();
  const entityRoute = useRouteRef(entityRouteRef);
  const [selected, setSelected] = useState<string>();
  const [filter, setFilter] = useState('');
  const [fitRequest, setFitRequest] = useState(0);

  const nodesByRef = useMemo(
    () => new Map(graph.nodes.map(node => [node.entityRef, node])),
    [graph],
  );
  const ordered = useMemo(() => {
    const weight = (ref: string) => {
      const state = states.get(ref);
      if (ref === graph.rootRef) return 0;
      if (highlight.suspects?.includes(ref) || state?.suspectOf) return 1;
      return state?.open ? 2 : 3;
    };
    return [...graph.nodes].sort(
      (a, b) =>
        weight(a.entityRef) - weight(b.entityRef) ||
        a.entityRef.localeCompare(b.entityRef),
    );
  }, [graph, states, highlight]);
  const needle = filter.trim().toLocaleLowerCase();
  const listed = ordered
    .filter(node => !needle || node.entityRef.includes(needle))
    .slice(0, LIST_LIMIT);

  const open = (ref: string) => {
    const { kind, namespace, name } = parseEntityRef(ref);
    navigate(entityRoute({ kind, namespace, name }));
  };
  const selectedNode = selected ? nodesByRef.get(selected) : undefined;
  const selectedState = selected ? states.get(selected) : undefined;

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={9}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <GraphLegend />
          <Box flexGrow={1} />
          <Button size="small" onClick={() => setFitRequest(n => n + 1)}>
            {t('graph.fit')}
          </Button>
        </Box>
        <GraphCanvas
          graph={graph}
          states={states}
          highlight={highlight}
          selected={selected}
          onSelect={setSelected}
          onOpen={open}
          height={props.height ?? 480}
          fitRequest={fitRequest}
          label={t('graph.canvasLabel', {
            number: String(graph.nodes.length),
            root: shortRef(graph.rootRef),
          })}
        />
      </Grid>
      <Grid item xs={12} md={3}>
        {selectedNode && (
          <Box mb={2} aria-live="polite">
            <Heading variant="h6">
              {selectedNode.title ?? selectedNode.name}
            </Heading>
            <Typography variant="body2">{selectedNode.entityRef}</Typography>
            {selectedState?.open ? (
              <Typography variant="body2">
                {t('graph.openIncidents', {
                  number: String(selectedState.open),
                })}
              </Typography>
            ) : null}
            {selectedState?.suspectOf ? (
              <Typography variant="body2">
                {t('graph.suspectOf', {
                  number: String(selectedState.suspectOf),
                })}
              </Typography>
            ) : null}
            <EntityRefLink entityRef={selectedNode.entityRef}>
              {t('graph.openEntity')}
            </EntityRefLink>
          </Box>
        )}
        <TextField
          id="cloudops-graph-filter"
          fullWidth
          size="small"
          label={t('graph.entity')}
          value={filter}
          onChange={e => setFilter(e.target.value)}
        />
        <List
          dense
          aria-label={t('graph.nodesLabel')}
          style={{ maxHeight: (props.height ?? 480) - 60, overflow: 'auto' }}
        >
          {listed.map(node => {
            const state = states.get(node.entityRef);
            return (
              <li key={node.entityRef}>
                <ListItem
                  button
                  component="div"
                  selected={node.entityRef === selected}
                  aria-current={
                    node.entityRef === selected ? 'true' : undefined
                  }
                  onClick={() => setSelected(node.entityRef)}
                >
                  <WrappingListItemText
                    primary={node.title ?? node.name}
                    secondary={[
                      node.kind,
                      state?.open
                        ? t('graph.openIncidents', {
                            number: String(state.open),
                          })
                        : undefined,
                      state?.suspectOf
                        ? t('graph.suspectOf', {
                            number: String(state.suspectOf),
                          })
                        : undefined,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                </ListItem>
              </li>
            );
          })}
        </List>
      </Grid>
    </Grid>
  );
}
