import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { headingOutline } from '../../__testUtils__/headingOutline';
import { LevelledEmptyState } from './LevelledEmptyState';
import { SectionCard } from './SectionCard';

const titleClasses = (name: string) =>
  screen.getByRole('heading', { name }).className;

describe('LevelledEmptyState', () => {
  it('shares its styles with every empty state at its level', async () => {
    const cards = (titles: string[]) => (
      <SectionCard title="Incidents">
        {titles.map(title => (
          <LevelledEmptyState key={title} missing="data" title={title} />
        ))}
      </SectionCard>
    );
    const { rerender } = await renderInTestApp(
      cards(['No incidents', 'No reports']),
    );
    const shared = titleClasses('No incidents');
    expect(titleClasses('No reports')).toBe(shared);

    // One mounted later, or again, takes the same styles: none are made for it.
    rerender(cards(['No incidents']));
    rerender(cards(['No incidents', 'No reports', 'No savings']));
    expect(titleClasses('No reports')).toBe(shared);
    expect(titleClasses('No savings')).toBe(shared);
  });

  it('puts each title at its own level', async () => {
    await renderInTestApp(
      <>
        <LevelledEmptyState missing="data" title="Nothing here" />
        <SectionCard title="Savings">
          <LevelledEmptyState missing="data" title="No savings" />
        </SectionCard>
      </>,
    );
    expect(headingOutline()).toEqual([
      'h2 Nothing here',
      'h2 Savings',
      'h3 No savings',
    ]);
  });
});
