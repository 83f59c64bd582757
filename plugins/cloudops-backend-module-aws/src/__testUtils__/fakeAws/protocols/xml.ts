/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A list whose items the service names itself (RDS: `<DBInstance>`, `<Tag>`). */
export class XmlList {
  constructor(readonly member: string, readonly items: unknown[]) {}
}

/** A list written as repeated `<member>` elements: `xmlList('Tag', tags)`. */
export function xmlList(member: string, items: unknown[]): XmlList {
  return new XmlList(member, items);
}

/**
 * Writes a value as XML elements: mappings as child elements, lists as
 * repeated `<member>` (query protocol) or `<item>` (EC2) children, dates in
 * ISO 8601, undefined members left out.
 */
export function toXml(value: unknown, listItem: 'member' | 'item'): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (value instanceof XmlList) {
    return value.items
      .map(v => `<${value.member}>${toXml(v, listItem)}</${value.member}>`)
      .join('');
  }
  if (Array.isArray(value)) {
    return value
      .map(v => `<${listItem}>${toXml(v, listItem)}</${listItem}>`)
      .join('');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toXml(v, listItem)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}
