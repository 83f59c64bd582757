import { screen } from '@testing-library/react';

/**
 * The page's headings in document order as `h<level> <name>`: its outline
 * as heading navigation reads it, to see that no level is skipped.
 */
export function headingOutline(): string[] {
  return screen
    .getAllByRole('heading')
    .map(h => `${h.tagName.toLowerCase()} ${h.textContent}`);
}
