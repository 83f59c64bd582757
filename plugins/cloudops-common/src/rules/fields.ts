/** The fields of a parsed YAML mapping, or none when it is not one. */
export type Fields = Record<string, unknown>;

/** The fields of `value` when it is a mapping; an empty one otherwise. */
export function fields(value: unknown): Fields {
  return typeof value === 'object' && value !== null ? (value as Fields) : {};
}
