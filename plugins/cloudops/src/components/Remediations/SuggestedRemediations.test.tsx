import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RemediationRequest } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  renderWithApis,
  testIncident,
} from '../../__testUtils__/renderWithApis';
import {
  testRca,
  testWaitingRemediation as waiting,
} from '../../__testUtils__/testRca';
import { SuggestedRemediations } from './SuggestedRemediations';

jest.setTimeout(20_000);

function render(
  options: {
    items?: RemediationRequest[];
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    config?: object;
    listRemediations?: jest.Mock;
  } = {},
) {
  const api = {
    listRemediations:
      options.listRemediations ??
      jest.fn().mockResolvedValue({ items: options.items ?? [] }),
    requestRemediation: jest.fn().mockResolvedValue(waiting),
    decideRemediation: jest.fn().mockResolvedValue(waiting),
  };
  return renderWithApis(
    <SuggestedRemediations
      incident={testIncident}
      suggestions={testRca.remediations}
    />,
    { api, permission: options.permission, config: options.config },
  ).then(rendered => ({ ...rendered, api }));
}

describe('SuggestedRemediations', () => {
  it("runs an executable runbook with its action and reports the policy's answer", async () => {
    const { api, alertApi } = await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run Scale out checkout' }),
    );
    expect(api.requestRemediation).toHaveBeenCalledWith(testIncident.id, {
      executor: 'kubernetes.scale',
      ref: 'scale-out-checkout',
      parameters: { replicas: 6 },
    });
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: 'Remediation requested: waiting for 2 approval(s)',
        }),
      ),
    );
    expect(api.listRemediations).toHaveBeenCalledTimes(2);
    // A runbook without an action is a link, not a button.
    expect(
      screen.getByRole('link', { name: /Raise the orders DB pool/ }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Run Raise the orders DB pool' }),
    ).toBeNull();
  });

  it('shows learned success only for runbooks that have been used', async () => {
    await render();
    expect(
      await screen.findByText(
        'matches fault latency · 80% success over 3 uses',
      ),
    ).toBeInTheDocument();
    // Its 50% is the prior, not a measurement.
    expect(
      screen.getByText('matches alert OrdersDbConnections · not used yet'),
    ).toBeInTheDocument();
  });

  it('lets approvers decide on a waiting request and holds a second run', async () => {
    const { api } = await render({ items: [waiting] });
    expect(await screen.findByText('Awaiting approval')).toBeInTheDocument();
    expect(screen.getByText(/1\/2 approvals/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Run Scale out checkout' }),
    ).toBeDisabled();
    const approve = screen.getByRole('button', { name: 'Approve' });
    // Enabled once the signed-in user is known (not the requester).
    await waitFor(() => expect(approve).toBeEnabled());
    await userEvent.click(approve);
    expect(api.decideRemediation).toHaveBeenCalledWith('r1', 'approve');
  });

  it('hides run and approval buttons from people without the permissions', async () => {
    await render({ items: [waiting], permission: AuthorizeResult.DENY });
    expect(await screen.findByText('Awaiting approval')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Run/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('disables running in read-only mode and says why', async () => {
    await render({ config: { cloudops: { readOnly: true } } });
    expect(
      await screen.findByRole('button', { name: 'Run Scale out checkout' }),
    ).toBeDisabled();
    expect(screen.getByText(/Read-only mode/)).toBeInTheDocument();
  });

  it('shows a failed load of the requests with a retry', async () => {
    const listRemediations = jest
      .fn()
      .mockRejectedValueOnce(new Error('boom'))
      .mockResolvedValue({ items: [waiting] });
    await render({ listRemediations });
    expect(
      await screen.findByText('Could not load remediation requests', {
        exact: false,
      }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Awaiting approval')).toBeInTheDocument();
  });

  it('says when no runbook matches', async () => {
    await renderWithApis(
      <SuggestedRemediations incident={testIncident} suggestions={[]} />,
      { api: { listRemediations: jest.fn().mockResolvedValue({ items: [] }) } },
    );
    expect(
      screen.getByText('No runbook matches this incident.'),
    ).toBeInTheDocument();
  });
});
