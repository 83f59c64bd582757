import { RemediationState } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { testWaitingRemediation as waiting } from '../../__testUtils__/testRca';
import { RemediationRequests } from './RemediationRequests';

jest.setTimeout(20_000);

function render(userEntityRef: string, request = waiting) {
  const decideRemediation = jest.fn().mockResolvedValue(request);
  return renderWithApis(
    <RemediationRequests requests={[request]} onChanged={() => {}} />,
    { api: { decideRemediation }, userEntityRef },
  ).then(() => decideRemediation);
}

describe('RemediationRequests', () => {
  it('lets another approver approve or reject', async () => {
    const decideRemediation = await render('user:default/cy');
    const approve = screen.getByRole('button', { name: 'Approve' });
    await waitFor(() => expect(approve).toBeEnabled());
    expect(screen.getByRole('button', { name: 'Reject' })).toBeEnabled();
    await userEvent.click(approve);
    expect(decideRemediation).toHaveBeenCalledWith('r1', 'approve');
  });

  it('does not offer Approve to the requester, and says why; Reject stays', async () => {
    await render('user:default/ana');
    const reject = screen.getByRole('button', { name: 'Reject' });
    await waitFor(() => expect(reject).toBeEnabled());
    const approve = screen.getByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled();
    expect(approve).toHaveAccessibleDescription(
      'You requested this remediation: another approver must approve it.',
    );
  });

  it('does not offer a second decision to who already decided, and says why', async () => {
    await render('user:default/bo');
    expect(
      await screen.findByText('You have already decided on this request.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();
  });

  it('shows approvers what the request touches and exactly what it runs', async () => {
    await render('user:default/cy', {
      ...waiting,
      policy: { ...waiting.policy, pin: { documentVersion: '3' } },
    });
    expect(
      await screen.findByText(/touches deployment\/checkout/),
    ).toHaveTextContent('runs exactly documentVersion 3');
  });

  it('names its state and what blocked it in words', async () => {
    await render('user:default/cy', {
      ...waiting,
      state: 'blocked',
      policy: { ...waiting.policy, blockedBy: 'blast-radius' },
    });
    expect(screen.getByText('Blocked')).toBeInTheDocument();
    expect(
      screen.getByText(/blocked: more targets than allowed/),
    ).toBeInTheDocument();
  });

  it('shows a state it does not know (from a newer backend) as it is', async () => {
    await render('user:default/cy', {
      ...waiting,
      state: 'paused' as RemediationState,
    });
    expect(screen.getByText('paused')).toBeInTheDocument();
  });
});
