import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useMemo, useState } from 'react';
import {
  renderWithApis,
  testIncident,
} from '../../__testUtils__/renderWithApis';
import { cloudopsTranslationRef } from '../../translation';
import { IncidentList } from './IncidentList';

jest.setTimeout(20_000);

const heatMapCell =
  '/?system=system%3Adefault%2Fshop&account=111111111111&state=open';

describe('IncidentList', () => {
  it("keeps a heat-map cell's system and account while paging, and shows them as removable chips", async () => {
    const listIncidents = jest
      .fn()
      .mockResolvedValue({ items: [testIncident], totalCount: 60 });
    await renderWithApis(<IncidentList linkTo={i => i.id} />, {
      api: { listIncidents },
      routeEntries: [heatMapCell],
    });
    await screen.findByRole('link', { name: testIncident.title });
    expect(listIncidents).toHaveBeenLastCalledWith(
      expect.objectContaining({
        system: 'system:default/shop',
        account: '111111111111',
        state: ['open'],
        offset: 0,
      }),
    );
    const scope = screen.getByRole('group', { name: 'Narrowed to' });
    expect(scope).toHaveTextContent('System: shop');
    expect(scope).toHaveTextContent('Account: 111111111111');

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(listIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({
          system: 'system:default/shop',
          account: '111111111111',
          offset: 25,
        }),
      ),
    );

    // Removing the account chip widens the list to the whole system.
    const accountChip = screen.getByRole('button', {
      name: 'Account: 111111111111',
    });
    accountChip.focus();
    await userEvent.keyboard('{Backspace}');
    await waitFor(() =>
      expect(listIncidents).toHaveBeenLastCalledWith(
        expect.not.objectContaining({ account: expect.anything() }),
      ),
    );
    expect(listIncidents).toHaveBeenLastCalledWith(
      expect.objectContaining({ system: 'system:default/shop', offset: 0 }),
    );
    expect(
      screen.queryByRole('button', { name: 'Account: 111111111111' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'System: shop' }),
    ).toBeInTheDocument();
  });

  it('reloads when any field of its fixed scope changes', async () => {
    const listIncidents = jest
      .fn()
      .mockResolvedValue({ items: [testIncident], totalCount: 1 });
    function Switching() {
      const [account, setAccount] = useState('a1');
      const scope = useMemo(() => ({ account }), [account]);
      return (
        <>
          <button onClick={() => setAccount('a2')}>Switch account</button>
          <IncidentList scope={scope} linkTo={i => i.id} />
        </>
      );
    }
    await renderWithApis(<Switching />, { api: { listIncidents } });
    await screen.findByRole('link', { name: testIncident.title });
    expect(listIncidents).toHaveBeenLastCalledWith(
      expect.objectContaining({ account: 'a1' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Switch account' }),
    );
    await waitFor(() =>
      expect(listIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({ account: 'a2' }),
      ),
    );
  });

  it('goes to the last page when the page asked for is past the end', async () => {
    const listIncidents = jest.fn(async (query: { offset?: number }) =>
      (query.offset ?? 0) >= 30
        ? { items: [], totalCount: 30 }
        : { items: [testIncident], totalCount: 30 },
    );
    await renderWithApis(<IncidentList linkTo={i => i.id} />, {
      api: { listIncidents },
      routeEntries: ['/?page=3'],
    });
    expect(
      await screen.findByRole('link', { name: testIncident.title }),
    ).toBeInTheDocument();
    expect(listIncidents).toHaveBeenLastCalledWith(
      expect.objectContaining({ offset: 25, limit: 25 }),
    );
    expect(screen.queryByText('No incidents')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeEnabled();
  });

  it("shows the pagination's texts from the translation ref", async () => {
    const listIncidents = jest
      .fn()
      .mockResolvedValue({ items: [testIncident], totalCount: 60 });
    await renderWithApis(<IncidentList linkTo={i => i.id} />, {
      api: { listIncidents },
      translations: createTranslationMessages({
        ref: cloudopsTranslationRef,
        messages: {
          'common.pagination.rowsPerPage': 'Zeilen pro Seite:',
          'common.pagination.displayedRows': '{{from}}–{{to}} von {{total}}',
          'common.pagination.previous': 'Vorherige Seite',
          'common.pagination.next': 'Nächste Seite',
        },
      }),
    });
    await screen.findByRole('link', { name: testIncident.title });
    expect(screen.getByText('Zeilen pro Seite:')).toBeInTheDocument();
    expect(screen.getByText('1–25 von 60')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Vorherige Seite' }),
    ).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Nächste Seite' })).toBeEnabled();
    expect(screen.queryByText('Rows per page:')).not.toBeInTheDocument();
  });
});
