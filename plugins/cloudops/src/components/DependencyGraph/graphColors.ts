import { useTheme } from '@material-ui/core/styles';
import { useMemo } from 'react';

/** The colours the canvas draws with, beside the severity palette. */
export interface GraphColors {
  text: string;
  halo: string;
  healthy: string;
  edge: string;
  path: string;
  suspect: string;
  selected: string;
}

/** The canvas's colours from the theme. */
export function useGraphColors(): GraphColors {
  const theme = useTheme();
  return useMemo(
    () => ({
      text: theme.palette.text.primary,
      halo: theme.palette.background.paper,
      healthy: theme.palette.grey[500],
      edge: theme.palette.grey[400],
      path: theme.palette.secondary.main,
      suspect: '#6a1b9a',
      selected: theme.palette.primary.main,
    }),
    [theme],
  );
}
