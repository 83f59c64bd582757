/**
 * Compiles a rule's regular expression so that it must match the whole value.
 *
 * @throws SyntaxError when `pattern` is not a regular expression
 * @public
 */
export function fullMatch(pattern: string): RegExp {
  // Compiled alone first, so that `a)|(b` cannot pair up with the anchoring group.
  const { source } = new RegExp(pattern);
  return new RegExp(`^(?:${source})$`);
}
