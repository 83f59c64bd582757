/** The index of the last page of `totalCount` items (0 when there are none). */
export function lastPage(totalCount: number, pageSize: number): number {
  return Math.max(0, Math.ceil(totalCount / pageSize) - 1);
}
