import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { OpportunityState } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { testOpportunity } from '../../__testUtils__/testSavings';
import { OpportunityTransitions } from './OpportunityTransitions';

jest.setTimeout(20_000);

/** The reader's calendar day `days` from now, as a date input's value. */
function dayFromNow(days: number) {
  const now = new Date();
  return new Date(
    now.getFullYear(),
    now.getMonth(),
    now.getDate() + days,
  ).toLocaleDateString('en-CA');
}

describe('OpportunityTransitions', () => {
  it("offers a person's moves from the state and records a snooze with its date and note", async () => {
    const transitionOpportunity = jest.fn().mockResolvedValue(testOpportunity);
    const onChanged = jest.fn();
    await renderWithApis(
      <OpportunityTransitions
        opportunity={testOpportunity}
        onChanged={onChanged}
      />,
      { api: { transitionOpportunity } },
    );
    const group = await screen.findByRole('group', { name: 'Ledger moves' });
    // From detected: reject, snooze; not the engine's expired, not pr_opened.
    expect(
      within(group)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual(['Reject', 'Snooze']);

    await userEvent.click(
      within(group).getByRole('button', { name: 'Snooze' }),
    );
    const dialog = screen.getByRole('dialog');
    const until = within(dialog).getByLabelText(/Snooze until/);
    // Tomorrow at the earliest: the backend refuses a snooze already over.
    expect(until).toHaveAttribute('min', dayFromNow(1));
    expect(until).toHaveValue(dayFromNow(30));
    await userEvent.clear(until);
    await userEvent.type(until, dayFromNow(0));
    expect(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    ).toBeDisabled();
    await userEvent.clear(until);
    await userEvent.type(until, '2099-01-31');
    await userEvent.type(
      within(dialog).getByLabelText('Note (optional)'),
      'after the migration',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(transitionOpportunity).toHaveBeenCalledWith(testOpportunity.id, {
      to: 'snoozed',
      note: 'after the migration',
      // The end of the 31st in the reader's time zone, not its UTC
      // midnight (which in the Americas is still the 30th).
      snoozeUntil: new Date(2099, 0, 31, 23, 59, 59, 999).toISOString(),
    });
  });

  it("reports a refused move with the backend's reason in the dialog", async () => {
    const refused = Object.assign(new Error('Request failed with 409'), {
      cause: new Error('rejected cannot move to snoozed'),
    });
    await renderWithApis(
      <OpportunityTransitions
        opportunity={testOpportunity}
        onChanged={jest.fn()}
      />,
      {
        api: { transitionOpportunity: jest.fn().mockRejectedValue(refused) },
      },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    const dialog = screen.getByRole('dialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not record the move: rejected cannot move to snoozed',
    );
  });

  it('is hidden from people who may not update opportunities, and when no move is left', async () => {
    const { unmount } = await renderWithApis(
      <OpportunityTransitions
        opportunity={testOpportunity}
        onChanged={jest.fn()}
      />,
      { api: {}, permission: AuthorizeResult.DENY },
    );
    expect(screen.queryByRole('group', { name: 'Ledger moves' })).toBeNull();
    unmount();
    await renderWithApis(
      <OpportunityTransitions
        opportunity={{ ...testOpportunity, state: 'realized' }}
        onChanged={jest.fn()}
      />,
      { api: {} },
    );
    expect(screen.queryByRole('group', { name: 'Ledger moves' })).toBeNull();
  });

  it('offers no move from a state it does not know (from a newer backend)', async () => {
    await renderWithApis(
      <OpportunityTransitions
        opportunity={{
          ...testOpportunity,
          state: 'archived' as OpportunityState,
        }}
        onChanged={jest.fn()}
      />,
      { api: {} },
    );
    expect(screen.queryByRole('group', { name: 'Ledger moves' })).toBeNull();
  });
});
