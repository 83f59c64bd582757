/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
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
