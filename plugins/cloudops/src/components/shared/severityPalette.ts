import { IncidentSeverity } from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * Colours per severity, each with a text colour that passes WCAG AA contrast
 * on it; used by chips, the heat map and graph nodes alike.
 */
export const severityPalette: Record<
  IncidentSeverity,
  { background: string; text: string }
> = {
  critical: { background: '#b71c1c', text: '#ffffff' },
  high: { background: '#bf360c', text: '#ffffff' },
  warning: { background: '#f9a825', text: '#000000' },
  info: { background: '#1565c0', text: '#ffffff' },
};
