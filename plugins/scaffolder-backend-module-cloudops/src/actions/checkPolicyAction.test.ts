import { startCloudopsBackend } from '../__testUtils__/cloudopsBackend';
import { exampleInputs, runAction } from '../__testUtils__/examples';
import { createCheckPolicyAction } from './checkPolicyAction';

jest.setTimeout(60_000);

describe('cloudops:policy:check', () => {
  it('passes every example when policy allows it, with what it decided', async () => {
    const backend = await startCloudopsBackend({ orphanVolume: true });
    const action = createCheckPolicyAction(backend.api);
    const incidentId = await backend.raise('checkout');
    const opportunity = await backend.detect();
    const orphan = await backend.detectOrphanVolume();
    const [pr, orphanSsm, ssm] = exampleInputs(action, {
      'parameters.incidentId': incidentId,
      'parameters.opportunityId': opportunity.id,
    });
    expect(await runAction(action, pr.input)).toMatchObject({
      targets: ['deployment/checkout'],
      costImpact: 'decrease',
    });
    // The executor plans an opportunity's run too (web: staging).
    expect(
      await runAction(action, { ...orphanSsm.input, opportunityId: orphan.id }),
    ).toMatchObject({
      approvalsRequired: 1,
      targets: ['vol-0123456789abcdef0'],
      costImpact: 'decrease',
    });
    expect(await runAction(action, ssm.input)).toMatchObject({
      approvalsRequired: 1,
      environment: 'production',
      targets: ['i-0abc1234def567890'],
    });
    expect(await backend.get('/remediations')).toEqual({ items: [] });
  });

  it('fails the run on a missing approval, cost-safe and read-only mode', async () => {
    const backend = await startCloudopsBackend();
    const action = createCheckPolicyAction(backend.api);
    const incidentId = await backend.raise('checkout');
    // Changed directly by this run, in production: someone must approve first.
    await expect(
      runAction(action, {
        incidentId,
        plan: { targets: ['deployment/checkout'], costImpact: 'neutral' },
      }),
    ).rejects.toThrow(/needs 1 approval\(s\) and none was given/);

    // An opportunity approved in the ledger carries its approval.
    const opportunity = await backend.detect();
    const direct = {
      opportunityId: opportunity.id,
      plan: { targets: ['deployment/checkout'], costImpact: 'decrease' },
      approval: { required: true },
    };
    await expect(runAction(action, direct)).rejects.toThrow(/needs 1 approval/);
    for (const to of ['pr_opened', 'approved']) {
      await backend
        .post(`/opportunities/${opportunity.id}/transition`, {
          to,
          pullRequestUrl: 'https://github.com/shop/checkout/pull/42',
        })
        .expect(200);
    }
    await expect(runAction(action, direct)).resolves.toMatchObject({
      approvalsRequired: 1,
    });

    // Outside production, what raises cost is blocked in cost-safe mode.
    const web = await backend.raise('web');
    await expect(
      runAction(action, {
        incidentId: web,
        executor: 'aws-ssm-automation',
        ref: 'CloudOps-RestartEC2Instance',
      }),
    ).resolves.toMatchObject({ approvalsRequired: 0 });
    // Cost-safe mode is on by default.
    await expect(
      runAction(action, {
        incidentId: web,
        plan: { targets: ['asg-web'], costImpact: 'increase' },
      }),
    ).rejects.toThrow(/forbids this change \(cost-safe\)/);

    // Exactly one subject, checked before the API is asked.
    await expect(
      runAction(action, { plan: { targets: ['x'], costImpact: 'decrease' } }),
    ).rejects.toThrow(
      'Invalid input to cloudops:policy:check: incidentId: give incidentId or opportunityId',
    );

    const readOnly = await startCloudopsBackend({
      cloudops: { readOnly: true },
    });
    const id = await readOnly.raise('web');
    await expect(
      runAction(
        createCheckPolicyAction(readOnly.api),
        { incidentId: id, plan: { targets: ['x'], costImpact: 'decrease' } },
        { dryRun: true },
      ),
    ).rejects.toThrow(/forbids this change \(read-only\)/);
  });
});
