import { EmptyState } from '@backstage/core-components';
import { Theme, ThemeProvider } from '@material-ui/core/styles';
import { ComponentProps, useCallback } from 'react';
import { useHeadingLevel } from './headingLevel';

/**
 * Backstage's EmptyState with its title a heading at the level where it is:
 * EmptyState renders it as an h5 wherever it is, which skips levels inside a
 * card. Its Typography picks no element itself, so the theme's default
 * `variantMapping` for h5 decides it; it looks the same.
 */
export function LevelledEmptyState(props: ComponentProps<typeof EmptyState>) {
  const level = useHeadingLevel();
  const theme = useCallback(
    (outer: Theme): Theme => ({
      ...outer,
      props: {
        ...outer.props,
        MuiTypography: {
          ...outer.props?.MuiTypography,
          variantMapping: {
            ...outer.props?.MuiTypography?.variantMapping,
            h5: `h${level}`,
          },
        },
      },
    }),
    [level],
  );
  return (
    <ThemeProvider theme={theme}>
      <EmptyState {...props} />
    </ThemeProvider>
  );
}
