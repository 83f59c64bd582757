/** One documented key of a JSON schema. */
export interface SchemaRow {
  /** `cloudops.prometheus.clusters[].name`; `<name>` for any key of a map. */
  path: string;
  type: string;
  required: boolean;
  description: string;
  /** `secret` or `frontend` (Backstage's `@visibility`). */
  visibility?: string;
}

type Schema = {
  type?: string | string[];
  description?: string;
  visibility?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: readonly unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  pattern?: string;
};

const DURATION_KEYS = ['years', 'months', 'weeks', 'days', 'hours'];

function isDuration(schema: Schema): boolean {
  return Boolean(
    schema.anyOf?.some(
      s =>
        s.type === 'object' &&
        DURATION_KEYS.every(key => key in (s.properties ?? {})),
    ),
  );
}

/** What a value must be, in a few words. */
export function typeOf(schema: Schema): string {
  if (isDuration(schema)) return 'duration (`5m`, `1h30m` or `{ minutes: 5 }`)';
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) {
    return `one of ${schema.enum.map(v => `\`${v}\``).join(', ')}`;
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    return schema.description ?? alternatives.map(typeOf).join(' or ');
  }
  if (schema.type === 'array') {
    return `list of ${schema.items ? typeOf(schema.items) : 'values'}`;
  }
  if (
    schema.type === 'object' &&
    !schema.properties &&
    typeof schema.additionalProperties === 'object'
  ) {
    return `map of ${typeOf(schema.additionalProperties)}`;
  }
  let type = Array.isArray(schema.type)
    ? schema.type.join(' or ')
    : schema.type ?? 'any';
  if (schema.pattern) type += ` matching \`${schema.pattern}\``;
  if (schema.minimum !== undefined && schema.maximum !== undefined) {
    type += ` from ${schema.minimum} to ${schema.maximum}`;
  }
  return type;
}

/**
 * Every key of a JSON schema, depth first in declaration order: objects'
 * properties, list items (`[]`), map values (`<name>`) and the variants of
 * a `oneOf` on a `type` discriminator (`(type: threshold)`).
 */
export function schemaRows(
  schema: Schema,
  path: string,
  required = false,
  descriptionOverride?: string,
): SchemaRow[] {
  const rows: SchemaRow[] = [];
  const own = descriptionOverride ?? schema.description ?? '';
  const alternatives = schema.anyOf ?? schema.oneOf;
  // A union's description may say what its type is, except a duration's,
  // whose type is named in full (typeOf).
  const describesType =
    alternatives && schema.description && !isDuration(schema);
  if (path) {
    rows.push({
      path,
      type: typeOf(schema),
      required,
      description: describesType ? descriptionOverride ?? '' : own,
      visibility: schema.visibility,
    });
  }
  if (schema.properties) {
    for (const [key, child] of Object.entries(schema.properties)) {
      rows.push(
        ...schemaRows(
          child,
          path ? `${path}.${key}` : key,
          schema.required?.includes(key) ?? false,
        ),
      );
    }
  }
  if (
    schema.type === 'array' &&
    (schema.items?.properties || schema.items?.oneOf)
  ) {
    rows.push(
      ...schemaRows(schema.items, `${path}[]`).filter(
        r => r.path !== `${path}[]`,
      ),
    );
  }
  if (
    typeof schema.additionalProperties === 'object' &&
    schema.additionalProperties.properties
  ) {
    rows.push(...schemaRows(schema.additionalProperties, `${path}.<name>`));
  }
  if (schema.oneOf && !isDuration(schema)) {
    for (const variant of schema.oneOf) {
      const tag = variant.properties?.type?.const;
      if (tag === undefined || !variant.properties) continue;
      for (const [key, child] of Object.entries(variant.properties)) {
        if (key === 'type') continue;
        rows.push(
          ...schemaRows(
            child,
            `${path}.${key} (type: ${tag})`,
            variant.required?.includes(key) ?? false,
          ),
        );
      }
    }
  }
  return rows;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The rows as a Markdown table. */
export function markdownTable(rows: SchemaRow[]): string[] {
  return [
    '| Key | Type | Required | Description |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      row =>
        `| \`${cell(row.path)}\` | ${cell(row.type)} | ${
          row.required ? 'yes' : ''
        } | ${cell(row.description)}${
          row.visibility ? ` (visibility: ${row.visibility})` : ''
        } |`,
    ),
  ];
}
