import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  renderWithApis,
  testIncident,
} from '../../__testUtils__/renderWithApis';
import { IncidentActions } from './IncidentActions';

jest.setTimeout(20_000);

describe('IncidentActions', () => {
  it('offers the moves the state allows, and a note', async () => {
    await renderWithApis(
      <IncidentActions incident={testIncident} onChanged={jest.fn()} />,
      { api: {} },
    );
    const group = await screen.findByRole('group', {
      name: 'Incident actions',
    });
    expect(
      [...group.querySelectorAll('button')].map(b => b.textContent),
    ).toEqual(['Acknowledge', 'Mitigate', 'Resolve', 'Add note']);
  });

  it('offers reopen for a resolved incident', async () => {
    await renderWithApis(
      <IncidentActions
        incident={{ ...testIncident, state: 'resolved' }}
        onChanged={jest.fn()}
      />,
      { api: {} },
    );
    expect(
      await screen.findByRole('button', { name: 'Reopen' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Resolve' })).toBeNull();
  });

  it('shows no actions without cloudops.incident.update', async () => {
    await renderWithApis(
      <IncidentActions incident={testIncident} onChanged={jest.fn()} />,
      { api: {}, permission: AuthorizeResult.DENY },
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('group', { name: 'Incident actions' }),
      ).toBeNull(),
    );
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });

  it('acknowledges with a note and reports the change', async () => {
    const transitionIncident = jest.fn().mockResolvedValue(testIncident);
    const onChanged = jest.fn();
    const { alertApi } = await renderWithApis(
      <IncidentActions incident={testIncident} onChanged={onChanged} />,
      { api: { transitionIncident } },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Acknowledge' }),
    );
    await userEvent.click(screen.getByRole('textbox'));
    await userEvent.paste('looking at orders-db');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(transitionIncident).toHaveBeenCalledWith(
      testIncident.id,
      'acknowledged',
      'looking at orders-db',
    );
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({ severity: 'success' }),
    );
  });

  it('needs text for a note, and says why a change failed', async () => {
    const addIncidentNote = jest.fn().mockRejectedValue(
      Object.assign(new Error('Request failed with 409'), {
        cause: new Error('Incident is resolved'),
      }),
    );
    const onChanged = jest.fn();
    const { alertApi } = await renderWithApis(
      <IncidentActions incident={testIncident} onChanged={onChanged} />,
      { api: { addIncidentNote } },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add note' }),
    );
    expect(screen.getByRole('button', { name: 'Confirm' })).toBeDisabled();
    await userEvent.click(screen.getByRole('textbox'));
    await userEvent.paste('rolled back');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'error',
          message: 'Could not update the incident: Incident is resolved',
        }),
      ),
    );
    expect(addIncidentNote).toHaveBeenCalledWith(
      testIncident.id,
      'rolled back',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });
});
