import { EmptyState } from '@backstage/core-components';
import { Theme, ThemeProvider } from '@material-ui/core/styles';
import { ComponentProps } from 'react';
import { useHeadingLevel } from './headingLevel';

/**
 * The remapped themes, one per app theme and heading level. MUI makes its
 * style sheets per theme object, so a theme made per empty state would make
 * a fresh set of sheets, and class names, for each. Under a nested theme MUI
 * numbers its class names (`MuiTypography-h5-12`) to keep them apart from
 * the app's; shared, they are the same for every empty state at one level.
 */
const remapped = new WeakMap<Theme, Map<number, Theme>>();

/** The app's theme with h5 Typography rendered as an `h<level>` element. */
function levelledTheme(outer: Theme, level: number): Theme {
  let byLevel = remapped.get(outer);
  if (!byLevel) {
    byLevel = new Map();
    remapped.set(outer, byLevel);
  }
  let theme = byLevel.get(level);
  if (theme) return theme;
  theme = {
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
  };
  byLevel.set(level, theme);
  return theme;
}

/**
 * Backstage's EmptyState with its title a heading at the level where it is:
 * EmptyState renders it as an h5 wherever it is, which skips levels inside a
 * card. Its Typography picks no element itself, so the theme's default
 * `variantMapping` for h5 decides it; it looks the same.
 */
export function LevelledEmptyState(props: ComponentProps<typeof EmptyState>) {
  const level = useHeadingLevel();
  return (
    <ThemeProvider theme={(outer: Theme) => levelledTheme(outer, level)}>
      <EmptyState {...props} />
    </ThemeProvider>
  );
}
