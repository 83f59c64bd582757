import { AddressInfo } from 'node:net';
import {
  Opportunity,
  SavingsSummary,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { startDemoBackend } from '../__testUtils__/demoBackend';
import { apiClient, poll } from '../__testUtils__/playScenario';

jest.setTimeout(180_000);

describe('demo fleet savings', () => {
  it('become opportunities and savings through the engine, soon after start', async () => {
    const { backend, server } = await startDemoBackend({
      timeScale: 1,
      savings: true,
    });
    try {
      const api = apiClient(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      );
      const list = await poll(
        'the demo fleet opportunities of all three accounts',
        async () => {
          const page = await api.get<{ items: Opportunity[] }>(
            '/opportunities?detector=demo-fleet-savings&limit=100',
          );
          const accounts = new Set(page!.items.map(o => o.resource.account));
          return accounts.size >= 3 && page;
        },
      );
      const kinds = new Set(list.items.map(o => o.kind));
      for (const kind of [
        'ec2-idle',
        'ebs-orphan',
        'rds-idle',
        'load-balancer-idle',
        'ecs-rightsize',
        'kubernetes-requests',
      ]) {
        expect(kinds).toContain(kind);
      }
      // Oversized services are attached to their catalog entity and owner.
      const cart = list.items.find(
        o => o.entityRef === 'component:default/cart-service',
      );
      expect(cart).toMatchObject({ kind: 'kubernetes-requests' });
      expect(cart!.ownerRef).toBeTruthy();

      const summary = await api.get<SavingsSummary>('/savings/summary');
      expect(summary!.potentialMonthlySavings).toBeGreaterThan(0);
      expect(summary!.openCount).toBe(list.items.length);
    } finally {
      await backend.stop();
    }
  });
});
