import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { activeSection, Section, SectionNav } from './SectionNav';

const sections: Section[] = [
  { to: '', title: 'NOC' },
  { to: 'incidents', title: 'Incidents' },
  { to: 'savings', title: 'Savings' },
  { to: 'savings/reports', title: 'Reports' },
];

describe('activeSection', () => {
  it.each([
    ['', 'NOC'],
    ['/', 'NOC'],
    ['incidents', 'Incidents'],
    ['/incidents/1234/', 'Incidents'],
    ['savings', 'Savings'],
    ['savings/opp-1', 'Savings'],
    ['savings/reports', 'Reports'],
    ['savings/reports/2026-11-16', 'Reports'],
  ])('puts %p in %p', (path, title) => {
    expect(activeSection(path, sections)?.title).toBe(title);
  });

  it('puts paths outside every section in none', () => {
    expect(activeSection('incidentsx', sections)).toBeUndefined();
  });
});

describe('SectionNav', () => {
  it('marks the current section under the page mount point', async () => {
    await renderInTestApp(
      <Routes>
        <Route
          path="/cloudops/*"
          element={<SectionNav label="CloudOps" sections={sections} />}
        />
      </Routes>,
      { routeEntries: ['/cloudops/savings/reports'] },
    );
    expect(
      screen.getByRole('navigation', { name: 'CloudOps' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Reports' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.getByRole('link', { name: 'Savings' })).not.toHaveAttribute(
      'aria-current',
    );
    expect(screen.getByRole('link', { name: 'Incidents' })).toHaveAttribute(
      'href',
      '/cloudops/incidents',
    );
  });
});
