import type { StylesheetJson } from 'cytoscape';
import { severityPalette } from '../shared/severityPalette';

/** Colours the graph takes from the app theme. */
export interface GraphColors {
  text: string;
  textOutline: string;
  healthy: string;
  edge: string;
  path: string;
  suspect: string;
  selected: string;
}

/**
 * The cytoscape stylesheet: node colour is the worst open incident's
 * severity; suspects get a thick dashed ring; the root-cause path is drawn
 * thick; labels are dropped when zoomed out far enough to be unreadable,
 * which also keeps large graphs fast.
 */
export function graphStyle(colors: GraphColors): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        width: 22,
        height: 22,
        'background-color': colors.healthy,
        label: 'data(label)',
        color: colors.text,
        'font-size': 11,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-outline-color': colors.textOutline,
        'text-outline-width': 2,
        'min-zoomed-font-size': 7,
      },
    },
    ...Object.entries(severityPalette).map(([severity, palette]) => ({
      selector: `node.sev-${severity}`,
      style: { 'background-color': palette.background },
    })),
    {
      selector: 'node.root',
      style: {
        width: 34,
        height: 34,
        'border-width': 4,
        'border-color': colors.text,
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node.suspect',
      style: {
        'border-width': 5,
        'border-style': 'dashed',
        'border-color': colors.suspect,
      },
    },
    {
      selector: 'node:selected',
      style: {
        'overlay-color': colors.selected,
        'overlay-opacity': 0.3,
        'overlay-padding': 6,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': colors.edge,
        'target-arrow-color': colors.edge,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'straight',
      },
    },
    {
      selector: 'edge.path',
      style: {
        width: 5,
        'line-color': colors.path,
        'target-arrow-color': colors.path,
        'z-index': 10,
      },
    },
  ];
}
