import { ANA, startCloudopsBackend } from '../__testUtils__/cloudopsBackend';
import { exampleInputs, runAction } from '../__testUtils__/examples';
import { createDescribeOpportunityAction } from './describeOpportunityAction';
import { createTransitionOpportunityAction } from './transitionOpportunityAction';
import { createUpdateIncidentAction } from './updateIncidentAction';

jest.setTimeout(60_000);

const PR = 'https://github.com/shop/checkout/pull/42';

describe('cloudops:incident:update and cloudops:opportunity:transition', () => {
  it('write every example’s outcome to the incident timeline, as the run’s user', async () => {
    const backend = await startCloudopsBackend();
    const action = createUpdateIncidentAction(backend.api);
    const incidentId = await backend.raise('checkout');
    const examples = exampleInputs(action, {
      'parameters.incidentId': incidentId,
      'steps.pr.output.remoteUrl': PR,
      'steps.restart.output.executionId': 'exec-7',
    });
    expect(await runAction(action, examples[0].input)).toEqual({
      state: 'open',
    });
    expect(await runAction(action, examples[1].input)).toEqual({
      state: 'mitigated',
    });
    const incident = await backend.get(`/incidents/${incidentId}`);
    const text = JSON.stringify(incident.timeline);
    expect(text).toContain(`Opened ${PR} to roll back checkout`);
    expect(text).toContain('Restarted checkout pods (exec-7)');
    expect(incident.state).toBe('mitigated');
    const audit = await backend.get(`/audit?target=${incidentId}`);
    expect(audit.items.map((a: any) => a.actor)).toContain(ANA);

    // A dry run reads, and changes nothing.
    expect(
      await runAction(
        action,
        { incidentId, transition: 'resolved' },
        { dryRun: true },
      ),
    ).toEqual({ state: 'resolved' });
    expect((await backend.get(`/incidents/${incidentId}`)).state).toBe(
      'mitigated',
    );
    await expect(runAction(action, { incidentId })).rejects.toThrow(
      'needs a note, a transition or both',
    );
    await expect(
      runAction(action, { incidentId, transition: 'closed' }),
    ).rejects.toThrow(/Invalid input to cloudops:incident:update: transition/);
  });

  it('move an opportunity through the ledger with every example', async () => {
    const backend = await startCloudopsBackend();
    const action = createTransitionOpportunityAction(backend.api);
    const opportunity = await backend.detect();
    expect(opportunity.state).toBe('detected');
    const examples = exampleInputs(action, {
      'parameters.opportunityId': opportunity.id,
      'steps.pr.output.remoteUrl': PR,
    });

    expect(await runAction(action, examples[0].input)).toEqual({
      state: 'pr_opened',
    });
    const detail = await backend.get(`/opportunities/${opportunity.id}`);
    expect(detail).toMatchObject({ state: 'pr_opened', pullRequestUrl: PR });
    expect(detail.ledger.map((e: any) => e.actor)).toContain(ANA);

    // The second example names a fixed opportunity: the API says it is unknown.
    await expect(runAction(action, examples[1].input)).rejects.toThrow(
      /CloudOps POST \/opportunities\/0b7c6f8e-.*\/transition failed \(404\)/,
    );
    await backend
      .post(`/opportunities/${opportunity.id}/transition`, { to: 'approved' })
      .expect(200);
    expect(
      await runAction(action, {
        ...examples[1].input,
        opportunityId: opportunity.id,
      }),
    ).toEqual({ state: 'merged' });

    // pr_opened without the URL is refused by the ledger, with its reason.
    const other = await startCloudopsBackend();
    const fresh = await other.detect();
    await expect(
      runAction(createTransitionOpportunityAction(other.api), {
        opportunityId: fresh.id,
        to: 'pr_opened',
      }),
    ).rejects.toThrow(/pr_opened needs the pull request URL/);
  });
});

describe('cloudops:opportunity:describe', () => {
  it('gives the example what a template needs, with a pull request body from evidence and risk', async () => {
    const backend = await startCloudopsBackend();
    const action = createDescribeOpportunityAction(backend.api);
    const opportunity = await backend.detect();
    const [example] = exampleInputs(action, {
      'parameters.opportunityId': opportunity.id,
    });
    const outputs = await runAction(action, example.input);
    expect(outputs).toMatchObject({
      state: 'detected',
      resourceId: expect.stringContaining('checkout'),
      currency: 'USD',
      parameters: {
        namespace: 'shop',
        workloadName: 'checkout',
        container: 'app',
        requests: expect.any(Object),
      },
    });
    const body = outputs.pullRequestBody as string;
    expect(body).toMatch(/^## /);
    expect(body).toContain('### Evidence');
    expect(body).toMatch(/### Risk: (low|medium|high) \(\d+\/100\)/);
    expect(body).toMatch(/Saves about \$[\d,.]+ a month/);
    expect(body).toContain(opportunity.id);
  });
});
