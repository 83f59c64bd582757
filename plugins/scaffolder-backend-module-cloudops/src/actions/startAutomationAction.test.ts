import {
  ANA,
  BOB,
  ORPHAN_ACCOUNT,
  startCloudopsBackend,
} from '../__testUtils__/cloudopsBackend';
import { exampleInputs, runAction } from '../__testUtils__/examples';
import { createStartAutomationAction } from './startAutomationAction';

jest.setTimeout(60_000);

describe('cloudops:ssm:start-automation', () => {
  it('runs every example through the remediation API: policy, approval by someone else, outcome', async () => {
    const backend = await startCloudopsBackend({ orphanVolume: true });
    const action = createStartAutomationAction(backend.api);
    const incidentId = await backend.raise('checkout'); // production: 1 approver
    const orphan = await backend.detectOrphanVolume();
    const examples = exampleInputs(action, {
      'parameters.incidentId': incidentId,
      'parameters.opportunityId': orphan.id,
    });
    expect(examples.map(e => Object.keys(e.input)[0])).toEqual([
      'incidentId',
      'opportunityId',
    ]);

    for (const { input } of examples) {
      const running = runAction(action, { ...input, pollSeconds: 0.05 });
      // Bob approves what Ana's run requested; the run waits for him.
      const waiting = await backend.awaitingApproval(
        input.opportunityId
          ? `opportunities/${orphan.id}/remediations`
          : `remediations?incidentId=${incidentId}`,
      );
      expect(waiting.requestedBy).toBe(ANA);
      expect(waiting.executor).toBe('aws-ssm-automation');
      await backend.approve(waiting.id);
      const outputs = await running;
      expect(outputs).toMatchObject({
        remediationId: waiting.id,
        remediationUrl: expect.stringMatching(
          new RegExp(`/api/cloudops/remediations/${waiting.id}$`),
        ),
        state: 'succeeded',
        summary: `${input.documentName} finished`,
      });
      expect(outputs.executionId).toMatch(/^exec-/);
    }
    expect(backend.runs.map(r => [r.ref, r.parameters])).toEqual([
      ['CloudOps-RestartEC2Instance', { InstanceId: ['i-0abc1234def567890'] }],
      [
        'CloudOps-SnapshotAndDeleteVolume',
        { VolumeId: 'vol-0123456789abcdef0' },
      ],
    ]);
    // The opportunity's run acted where the orphan volume is.
    expect(backend.runs[1]).toMatchObject({
      scope: { account: ORPHAN_ACCOUNT, region: 'us-east-1' },
      opportunity: { id: orphan.id },
    });
    expect((await backend.get(`/opportunities/${orphan.id}`)).state).toBe(
      'merged',
    );
    const audit = await backend.get(`/audit?target=${incidentId}`);
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'remediation-request', actor: ANA }),
    );
  });

  it('fails the run when the automation fails, is rejected or policy blocks it', async () => {
    const backend = await startCloudopsBackend();
    const action = createStartAutomationAction(backend.api);
    const web = await backend.raise('web'); // staging: no approval
    await expect(
      runAction(action, {
        incidentId: web,
        documentName: 'CloudOps-Broken',
        pollSeconds: 0.05,
      }),
    ).rejects.toThrow(
      /SSM Automation CloudOps-Broken for incident .* ended failed: Step 2 failed: AccessDenied/,
    );

    const checkout = await backend.raise('checkout');
    const running = runAction(action, {
      incidentId: checkout,
      documentName: 'CloudOps-RestartEC2Instance',
      pollSeconds: 0.05,
    });
    const waiting = await backend.awaitingApproval(
      `remediations?incidentId=${checkout}`,
    );
    await backend
      .post(
        `/remediations/${waiting.id}/decision`,
        { decision: 'reject', comment: 'not now' },
        BOB,
      )
      .expect(200);
    await expect(running).rejects.toThrow(/ended rejected/);

    const readOnly = await startCloudopsBackend({
      cloudops: { readOnly: true },
    });
    const id = await readOnly.raise('web');
    const blocked = createStartAutomationAction(readOnly.api);
    await expect(
      runAction(
        blocked,
        { incidentId: id, documentName: 'CloudOps-RestartEC2Instance' },
        { dryRun: true },
      ),
    ).rejects.toThrow(/Remediation policy forbids this change \(read-only\)/);
    await expect(
      runAction(blocked, {
        incidentId: id,
        documentName: 'CloudOps-RestartEC2Instance',
        pollSeconds: 0.05,
      }),
    ).rejects.toThrow(/ended blocked/);
    expect(readOnly.runs).toEqual([]);
  });

  it('in a dry run only asks the policy, and validates input', async () => {
    const backend = await startCloudopsBackend();
    const action = createStartAutomationAction(backend.api);
    const incidentId = await backend.raise('checkout');
    const outputs = await runAction(
      action,
      {
        incidentId,
        documentName: 'CloudOps-RestartEC2Instance',
        parameters: { InstanceId: ['i-0abc'] },
      },
      { dryRun: true },
    );
    expect(outputs).toEqual({
      state: 'planned',
      summary:
        'Dry run: CloudOps-RestartEC2Instance would need 1 approval(s) and touch i-0abc',
    });
    expect(await backend.get('/remediations')).toEqual({ items: [] });
    await expect(
      runAction(action, { incidentId: 'INC-1', documentName: 'x' }),
    ).rejects.toThrow(
      'Invalid input to cloudops:ssm:start-automation: incidentId: Invalid uuid; documentName: an SSM document name or ARN',
    );
    // Exactly one subject.
    await expect(
      runAction(action, { documentName: 'CloudOps-RestartEC2Instance' }),
    ).rejects.toThrow(
      'Invalid input to cloudops:ssm:start-automation: incidentId: give incidentId or opportunityId',
    );
    await expect(
      runAction(action, {
        incidentId,
        opportunityId: incidentId,
        documentName: 'CloudOps-RestartEC2Instance',
      }),
    ).rejects.toThrow(
      'opportunityId: give incidentId or opportunityId, not both',
    );
    // Someone without the permission gets the API's refusal.
    const denied = await startCloudopsBackend({
      deny: (_user, permission) =>
        permission === 'cloudops.remediation.execute',
    });
    const id = await denied.raise('web');
    await expect(
      runAction(createStartAutomationAction(denied.api), {
        incidentId: id,
        documentName: 'CloudOps-RestartEC2Instance',
      }),
    ).rejects.toThrow(/Missing permission cloudops.remediation.execute/);
  });
});
