import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ButtonLink } from './ButtonLink';

describe('ButtonLink', () => {
  it('is a link, not a button, to the address in the app', async () => {
    await renderInTestApp(
      <ButtonLink to="/cloudops/savings" variant="outlined">
        Savings
      </ButtonLink>,
    );
    expect(screen.getByRole('link', { name: 'Savings' })).toHaveAttribute(
      'href',
      '/cloudops/savings',
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
