import { ResponseError } from '@backstage/errors';
import { errorMessage } from '../components/shared';
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

  it('asks for RCA, remediations and savings at their routes', async () => {
    const { client, fetch } = setup(200, { items: [] });
    await client.getIncidentSignals('i1', { contextMinutes: 30, bands: true });
    await client.getIncidentRca('i1');
    await client.listRemediations('i1');
    await client.requestRemediation('i1', {
      executor: 'kubernetes.scale',
      ref: 'scale-out',
      parameters: { replicas: 4 },
    });
    await client.decideRemediation('r1', 'approve');
    await client.listOpportunities({ account: '1111', risk: ['low'] });
    await client.getOpportunity('o1');
    await client.listOpportunityRemediations('o1');
    await client.getSavingsSummary({ entityRef: 'component:default/web' });
    await client.listSavingsReports();
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/cloudops/incidents/i1/signals?contextMinutes=30&bands=true',
      'http://backend/api/cloudops/incidents/i1/rca',
      'http://backend/api/cloudops/remediations?incidentId=i1',
      'http://backend/api/cloudops/incidents/i1/remediations',
      'http://backend/api/cloudops/remediations/r1/decision',
      'http://backend/api/cloudops/opportunities?account=1111&risk=low',
      'http://backend/api/cloudops/opportunities/o1',
      'http://backend/api/cloudops/opportunities/o1/remediations',
      'http://backend/api/cloudops/savings/summary?entityRef=component%3Adefault%2Fweb',
      'http://backend/api/cloudops/savings/reports',
    ]);
    expect(JSON.parse(fetch.mock.calls[3][1].body)).toEqual({
      executor: 'kubernetes.scale',
      ref: 'scale-out',
      parameters: { replicas: 4 },
    });
    expect(JSON.parse(fetch.mock.calls[4][1].body)).toEqual({
      decision: 'approve',
    });
  });

  it('gives no RCA for a 404 and raises other failures', async () => {
    const notYet = setup(404, {
      error: { name: 'NotFoundError', message: 'no RCA yet' },
      response: { statusCode: 404 },
    });
    await expect(notYet.client.getIncidentRca('i1')).resolves.toBeUndefined();
    const broken = setup(500, {
      error: { name: 'Error', message: 'boom' },
      response: { statusCode: 500 },
    });
    await expect(broken.client.getIncidentRca('i1')).rejects.toBeInstanceOf(
      ResponseError,
    );
  });

  it('downloads a report file with the credentials of the fetch API', async () => {
    const blob = new Blob(['%PDF']);
    const fetch = jest
      .fn()
      .mockResolvedValue({ ok: true, status: 200, blob: async () => blob });
    const client = new CloudopsClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/cloudops' },
      fetchApi: { fetch },
    });
    await expect(client.downloadSavingsReport('r1', 'pdf')).resolves.toBe(blob);
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/cloudops/savings/reports/r1/download?format=pdf',
    );
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

  function htmlSetup(status: number, statusText: string) {
    const page = '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';
    const fetch = jest.fn().mockResolvedValue({
      ok: status < 400,
      status,
      statusText,
      headers: { get: () => 'text/html' },
      json: async () => JSON.parse(page),
      text: async () => page,
    });
    return new CloudopsClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/cloudops' },
      fetchApi: { fetch },
    });
  }

  it("says only the status of a failure whose body is not JSON, never a proxy's page", async () => {
    const error = await htmlSetup(502, 'Bad Gateway')
      .listIncidents({})
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
    expect(errorMessage(error)).toBe(
      'Request failed with status 502 Bad Gateway',
    );
    expect(JSON.stringify(error.body)).not.toContain('<html>');
    // A 404 from a proxy still means "no demo".
    await expect(
      htmlSetup(404, 'Not Found').getDemo(),
    ).resolves.toBeUndefined();
  });

  it('says a successful response that is not JSON was not JSON', async () => {
    const error = await htmlSetup(200, 'OK')
      .listIncidents({ state: ['open'] })
      .catch(e => e);
    expect(errorMessage(error)).toBe(
      'The response to GET /incidents was not JSON (200 OK text/html)',
    );
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
