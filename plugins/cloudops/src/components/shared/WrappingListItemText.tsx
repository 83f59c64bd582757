import ListItemText, {
  ListItemTextProps,
} from '@material-ui/core/ListItemText';

const wrap = { whiteSpace: 'normal', overflowWrap: 'anywhere' } as const;

/**
 * A list item's text that wraps: the Backstage theme keeps list item text on
 * one line and clips it, which hides most of a timeline entry or an incident
 * title in a narrow column.
 */
export function WrappingListItemText(props: ListItemTextProps) {
  return (
    <ListItemText
      {...props}
      style={{ ...wrap, ...props.style }}
      primaryTypographyProps={{ style: wrap }}
      secondaryTypographyProps={{ style: wrap }}
    />
  );
}
