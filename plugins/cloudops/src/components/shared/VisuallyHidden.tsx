import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/** Text for screen readers only: what a chart or a colour shows. */
export function VisuallyHidden(props: {
  children: ReactNode;
  component?: 'span' | 'p';
}) {
  const classes = useStyles();
  const Component = props.component ?? 'span';
  return <Component className={classes.root}>{props.children}</Component>;
}
