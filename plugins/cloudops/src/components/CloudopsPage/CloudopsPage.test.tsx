import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { CloudopsPage } from './CloudopsPage';

describe('CloudopsPage', () => {
  it('says so at an address none of its sections has, with a way back', async () => {
    await renderInTestApp(
      <Routes>
        <Route path="/cloudops/*" element={<CloudopsPage />} />
      </Routes>,
      { routeEntries: ['/cloudops/health'] },
    );
    expect(
      await screen.findByRole('heading', {
        level: 2,
        name: 'No such CloudOps page',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 1, name: 'CloudOps NOC' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Back to the NOC' }),
    ).toHaveAttribute('href', '/cloudops');
  });
});
