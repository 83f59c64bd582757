/**
 * The value cut to a text column's width, marked as cut (`…`) when longer:
 * for values that are shown, not matched (a title, an audit target), so
 * that one too long is kept rather than refused by the column.
 */
export function fitColumn(value: string, width: number): string {
  return value.length <= width ? value : `${value.slice(0, width - 1)}…`;
}
