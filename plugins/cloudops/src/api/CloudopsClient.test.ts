import { ResponseError } from '@backstage/errors';
import { CloudopsClient } from './CloudopsClient';

function jsonResponse(status: number, body: unknown) {
  return {
    ok: status < 400,
    status,
    statusText: status < 400 ? 'OK' : 'Conflict',
    headers: { get: () => 'application/json; charset=utf-8' },
    json: async () => body,
    text: async () => JSON.stringify(body),
  };
}

describe('CloudopsClient', () => {
  function setup(status = 200, body: unknown = {}) {
    const fetch = jest.fn().mockResolvedValue(jsonResponse(status, body));
    const client = new CloudopsClient({
      discoveryApi: {
        getBaseUrl: async plugin => `http://backend/api/${plugin}`,
      },
      fetchApi: { fetch },
    });
    return { client, fetch };
  }

  it('sends filters as query parameters, lists comma-separated, empty ones left out', async () => {
    const { client, fetch } = setup(200, { items: [], totalCount: 0 });
    await client.listIncidents({
      entityRef: 'component:default/checkout',
      state: ['open', 'acknowledged'],
      severity: [],
      q: '',
      limit: 25,
      offset: 50,
    });
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/cloudops/incidents');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      entityRef: 'component:default/checkout',
      state: 'open,acknowledged',
      limit: '25',
      offset: '50',
    });
  });

  it('asks for grouped statistics and the graph', async () => {
    const { client, fetch } = setup();
    await client.getStats({
      state: ['open'],
      groupBy: 'system',
      thenBy: 'account',
    });
    await client.getGraph('component:default/web', 3);
    await client.getDetectorHealth();
    await client.getIncidentSignals('i1', { contextMinutes: 30 });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/cloudops/stats?state=open&groupBy=system&thenBy=account',
      'http://backend/api/cloudops/graph?entityRef=component%3Adefault%2Fweb&depth=3',
      'http://backend/api/cloudops/detectors/health',
      'http://backend/api/cloudops/incidents/i1/signals?contextMinutes=30',
    ]);
  });

  it('posts transitions and notes as JSON', async () => {
    const { client, fetch } = setup(200, { id: 'i1' });
    await client.transitionIncident('i1', 'acknowledged', 'on it');
    await client.addIncidentNote('i1', 'rolled back');
    expect(fetch.mock.calls[0]).toEqual([
      'http://backend/api/cloudops/incidents/i1/transition',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ to: 'acknowledged', note: 'on it' }),
      },
    ]);
    expect(fetch.mock.calls[1][0]).toBe(
      'http://backend/api/cloudops/incidents/i1/notes',
    );
    expect(JSON.parse(fetch.mock.calls[1][1].body)).toEqual({
      text: 'rolled back',
    });
  });

  it("raises the backend's error as a ResponseError", async () => {
    const { client } = setup(409, {
      error: { name: 'ConflictError', message: 'Incident i1 is resolved' },
      response: { statusCode: 409 },
    });
    const error = await client
      .transitionIncident('i1', 'mitigated')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.cause.message).toBe('Incident i1 is resolved');
  });

  it('reads the demo fleet, undefined when the demo is off, and starts a scenario', async () => {
    const off = setup(404, {
      error: { name: 'NotFoundError', message: 'Not found' },
      response: { statusCode: 404 },
    });
    await expect(off.client.getDemo()).resolves.toBeUndefined();
    const failing = setup(403, {
      error: { name: 'NotAllowedError', message: 'Denied' },
      response: { statusCode: 403 },
    });
    await expect(failing.client.getDemo()).rejects.toBeInstanceOf(
      ResponseError,
    );

    const { client, fetch } = setup(201, { id: 's1' });
    await client.startDemoScenario({
      kind: 'crash-loop',
      target: 'component:default/payments-service',
    });
    await client.listDemoScenarios({ limit: 5 });
    expect(fetch.mock.calls.map(c => [c[0], c[1].method])).toEqual([
      ['http://backend/api/cloudops/demo/scenarios', 'POST'],
      ['http://backend/api/cloudops/demo/scenarios?limit=5', 'GET'],
    ]);
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({
      kind: 'crash-loop',
      target: 'component:default/payments-service',
    });
  });
});
