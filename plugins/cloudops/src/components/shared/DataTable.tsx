import Table, { TableProps } from '@material-ui/core/Table';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  // Wider than its card (long ids, narrow screens): it scrolls sideways.
  scroll: { overflowX: 'auto' },
  // The cards these tables sit in break words anywhere, which split ids,
  // states and check names mid-word; words wrap whole here.
  table: { '& th, & td': { wordBreak: 'normal' } },
});

/** A small table whose cells wrap between words only, scrolling sideways when wider than its place. */
export function DataTable(props: TableProps) {
  const classes = useStyles();
  const className = [classes.table, props.className].filter(Boolean).join(' ');
  return (
    <div className={classes.scroll}>
      <Table size="small" {...props} className={className} />
    </div>
  );
}
