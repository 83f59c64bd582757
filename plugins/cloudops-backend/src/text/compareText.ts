/** Orders strings by code unit (locale-independent, as database keys sort). */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
