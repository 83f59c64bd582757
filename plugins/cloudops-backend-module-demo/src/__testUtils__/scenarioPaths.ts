import { AddressInfo } from 'node:net';
import { DemoScenarioKind } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { startDemoBackend } from './demoBackend';
import {
  historyPushed,
  playScenario,
  SCENARIO_EXPECTATIONS,
} from './playScenario';

/**
 * Plays one scenario kind on a fresh backend (the example catalog,
 * rules and runbooks; simulated time 60× faster): the scenario started
 * through the API travels signal → rule → incident → RCA → suggested
 * runbook → Backstage notification → remediation (approved as the policy
 * asks) → the fault ends → signals recover → the incident resolves.
 */
export async function expectWholePath(kind: DemoScenarioKind) {
  const expected = SCENARIO_EXPECTATIONS[kind];
  const { backend, server, sent } = await startDemoBackend();
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await historyPushed(base);
    const run = await playScenario(base, kind);

    expect(run.scenario.target).toBe(expected.target);
    // Detection: the rules opened the incident on the expected entity.
    expect(run.incident.entityRef).toBe(expected.incidentOn);
    expect(run.incident.ruleId).toBeTruthy();
    // RCA: the injected service is the most likely cause.
    expect(run.topCause).toBe(expected.target);
    // Notification: the owning team got a Backstage notification.
    expect(run.notificationsDelivered).toBeGreaterThan(0);
    expect(sent).toContainEqual(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: run.incident.ownerRef },
        payload: expect.objectContaining({
          scope: `cloudops:incident:${run.incident.id}`,
        }),
      }),
    );
    // Remediation: the suggested runbook ran through the demo executor and ended the fault.
    expect(run.remediation).toMatchObject({
      executor: 'demo',
      state: 'succeeded',
      outcome: { status: 'succeeded' },
    });
    expect(run.scenario).toMatchObject({
      state: 'ended',
      endedBy: expect.stringContaining(run.remediation.id),
    });
    // The signals recovered and the rules resolved the incident.
    expect(run.resolved.state).toBe('resolved');
    // eslint-disable-next-line no-console
    console.log(
      `${kind}: detected after ${Math.round(
        run.detection.simulatedMs / 1000,
      )} s simulated (${run.detection.wallMs} ms wall), fixed by ${
        run.remediation.ref
      }, resolved ${Math.round(run.recovery.simulatedMs / 1000)} s later`,
    );
  } finally {
    await backend.stop();
  }
}
