import {
  alertApiRef,
  configApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import {
  TranslationMessages,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
  TestAppOptions,
} from '@backstage/test-utils';
import {
  CLOUDOPS_INCIDENTS_CHANNEL,
  Incident,
  IncidentDetail,
  IncidentStats,
  IncidentsChangedMessage,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { act, RenderResult } from '@testing-library/react';
import { ReactNode } from 'react';
import { SWRConfig } from 'swr';
import { CloudopsApi, cloudopsApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { translationApiWith } from './translationApiWith';

/** A signals API whose messages the test sends. */
export function fakeSignals() {
  const listeners = new Map<string, Set<(message: any) => void>>();
  return {
    api: {
      subscribe(channel: string, onMessage: (message: any) => void) {
        const set = listeners.get(channel) ?? new Set();
        set.add(onMessage);
        listeners.set(channel, set);
        return { unsubscribe: () => set.delete(onMessage) };
      },
    },
    async incidentsChanged(message: IncidentsChangedMessage) {
      await act(async () => {
        listeners.get(CLOUDOPS_INCIDENTS_CHANNEL)?.forEach(l => l(message));
      });
    },
  };
}

/**
 * Renders inside a test app with a (partial) CloudOps API, permissions that
 * allow or deny everything, an alert API and optional signals.
 */
export async function renderWithApis(
  element: ReactNode,
  options: {
    api: Partial<CloudopsApi>;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    signals?: ReturnType<typeof fakeSignals>;
    routeEntries?: string[];
    /**
     * The routes the app mounts, by path; the entity page and the CloudOps
     * page unless given (leave `rootRouteRef` out for an app without it).
     */
    mountedRoutes?: TestAppOptions['mountedRoutes'];
    /** App configuration, e.g. `{ cloudops: { readOnly: true } }`. */
    config?: object;
    /** Names of the Software Templates registered in the catalog. */
    templates?: string[];
    /** The signed-in user; `user:default/test` unless given. */
    userEntityRef?: string;
    /** Messages that replace defaults, as from `createTranslationMessages`. */
    translations?: TranslationMessages;
  },
): Promise<RenderResult & { alertApi: { post: jest.Mock } }> {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  const apis: any[] = [
    [cloudopsApiRef, options.api],
    [
      permissionApiRef,
      mockApis.permission({
        authorize: options.permission ?? AuthorizeResult.ALLOW,
      }),
    ],
    [alertApiRef, alertApi],
    [configApiRef, mockApis.config({ data: options.config ?? {} })],
    [
      identityApiRef,
      mockApis.identity({
        userEntityRef: options.userEntityRef ?? 'user:default/test',
      }),
    ],
    [
      catalogApiRef,
      catalogApiMock({
        entities: (options.templates ?? []).map(name => ({
          apiVersion: 'scaffolder.backstage.io/v1beta3',
          kind: 'Template',
          metadata: { name, namespace: 'default' },
          spec: {},
        })),
      }),
    ],
  ];
  if (options.signals) {
    apis.push([signalApiRef, options.signals.api]);
  }
  if (options.translations) {
    apis.push([translationApiRef, translationApiWith(options.translations)]);
  }
  const rendered = await renderInTestApp(
    // A fresh cache per render: permission decisions must not leak between tests.
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider apis={apis}>{element}</TestApiProvider>
    </SWRConfig>,
    {
      mountedRoutes: options.mountedRoutes ?? {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/cloudops': rootRouteRef,
      },
      routeEntries: options.routeEntries,
    },
  );
  return { ...rendered, alertApi };
}

export const testIncident: Incident = {
  id: '2b3f7c0e-6a9f-4f61-9d0c-4d3e2a1b0c9d',
  title: 'Checkout p99 latency above 2s',
  severity: 'critical',
  state: 'open',
  entityRef: 'component:default/checkout-service',
  candidateEntityRef: 'resource:default/orders-db',
  systemRef: 'system:default/shop',
  ownerRef: 'group:default/team-checkout',
  account: '111111111111',
  createdBy: 'cloudops',
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  ruleId: 'checkout-latency',
  labels: {},
  signalCount: 3,
};

export const testIncidentDetail: IncidentDetail = {
  ...testIncident,
  timeline: [
    {
      id: '1',
      incidentId: testIncident.id,
      type: 'opened',
      actor: 'cloudops',
      message: 'Opened by rule checkout-latency',
      data: {},
      createdAt: '2026-11-22T10:00:00.000Z',
    },
    {
      id: '2',
      incidentId: testIncident.id,
      type: 'correlated',
      actor: 'cloudops',
      message: 'orders-db alert joined: upstream-most suspect',
      data: {},
      createdAt: '2026-11-22T10:01:00.000Z',
    },
  ],
  alertKeys: [],
};

const noSeverity = { critical: 0, high: 0, warning: 0, info: 0 };

/** Statistics with the given figures; the rest zero. */
export function testStats(
  overrides: Partial<IncidentStats> = {},
): IncidentStats {
  return {
    from: '2026-11-21T12:00:00.000Z',
    to: '2026-11-22T12:00:00.000Z',
    total: 0,
    open: 0,
    bySeverity: { ...noSeverity },
    byState: { open: 0, acknowledged: 0, mitigated: 0, resolved: 0 },
    mttaSeconds: null,
    mttrSeconds: null,
    series: [],
    ...overrides,
  };
}

export { noSeverity };
