import Typography, { TypographyProps } from '@material-ui/core/Typography';
import { createContext, ReactNode, useContext } from 'react';

/** A heading element's level: h1 to h6. */
type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/**
 * The level of the headings where a component is. Pages and entity pages put
 * their title at h1, so what the plugin renders starts at h2.
 */
const HeadingLevelContext = createContext<HeadingLevel>(2);

/** The level a heading rendered here takes. */
export function useHeadingLevel(): HeadingLevel {
  return useContext(HeadingLevelContext);
}

/**
 * Content that belongs to the heading just before it: its own headings are
 * one level lower (h6 at the most).
 */
export function UnderHeading(props: { children: ReactNode }) {
  const level = useHeadingLevel();
  return (
    <HeadingLevelContext.Provider
      value={Math.min(level + 1, 6) as HeadingLevel}
    >
      {props.children}
    </HeadingLevelContext.Provider>
  );
}

/**
 * A heading at the level where it is, looking like its `variant` whatever
 * that level.
 */
export function Heading(props: Omit<TypographyProps, 'component' | 'ref'>) {
  const level = useHeadingLevel();
  return <Typography {...props} component={`h${level}` as const} />;
}
