import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { headingOutline } from '../../__testUtils__/headingOutline';
import { Heading, UnderHeading } from './headingLevel';
import { LevelledEmptyState } from './LevelledEmptyState';
import { SectionCard } from './SectionCard';

describe('heading levels', () => {
  it('starts at h2, under the h1 of the page the plugin is on', async () => {
    await renderInTestApp(<Heading variant="h4">Incident</Heading>);
    expect(
      screen.getByRole('heading', { level: 2, name: 'Incident' }),
    ).toHaveClass('MuiTypography-h4');
  });

  it("makes a card's title a heading and what it holds one level below", async () => {
    await renderInTestApp(
      <SectionCard title="Cost savings">
        <Heading variant="subtitle2">Top opportunities</Heading>
        <SectionCard title="Nested">
          <Heading>Deepest</Heading>
        </SectionCard>
      </SectionCard>,
    );
    expect(headingOutline()).toEqual([
      'h2 Cost savings',
      'h3 Top opportunities',
      'h3 Nested',
      'h4 Deepest',
    ]);
  });

  it('goes no deeper than h6', async () => {
    await renderInTestApp(
      <UnderHeading>
        <UnderHeading>
          <UnderHeading>
            <UnderHeading>
              <UnderHeading>
                <Heading>Sixth</Heading>
              </UnderHeading>
            </UnderHeading>
          </UnderHeading>
        </UnderHeading>
      </UnderHeading>,
    );
    expect(
      screen.getByRole('heading', { level: 6, name: 'Sixth' }),
    ).toBeInTheDocument();
  });

  it("puts an empty state's title at the level where it is, not at h5", async () => {
    await renderInTestApp(
      <SectionCard title="Incidents">
        <LevelledEmptyState
          missing="data"
          title="No incidents"
          description="Nothing matches."
        />
      </SectionCard>,
    );
    const title = screen.getByRole('heading', {
      level: 3,
      name: 'No incidents',
    });
    // It looks as Backstage draws it (the nested theme numbers its classes).
    expect(title.className).toMatch(/\bMuiTypography-h5\b/);
    expect(headingOutline()).toEqual(['h2 Incidents', 'h3 No incidents']);
  });
});
