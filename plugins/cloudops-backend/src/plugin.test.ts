import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { cloudopsPlugin } from './plugin';

describe('cloudops backend plugin', () => {
  async function start(
    permissions:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) {
    const { server } = await startTestBackend({
      features: [
        cloudopsPlugin,
        mockServices.permissions.factory({ result: permissions }),
      ],
    });
    return server;
  }

  it('stores an incident and lists it for its entity only', async () => {
    const server = await start();

    const created = await request(server).post('/api/cloudops/incidents').send({
      title: 'Checkout latency p99 above 2s',
      severity: 'critical',
      entityRef: 'Component:checkout-service',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      title: 'Checkout latency p99 above 2s',
      severity: 'critical',
      state: 'open',
      entityRef: 'component:default/checkout-service',
      createdBy: mockCredentials.user().principal.userEntityRef,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    await request(server)
      .post('/api/cloudops/incidents')
      .send({
        title: 'Orders DB CPU 97%',
        severity: 'high',
        entityRef: 'component:default/orders-service',
      })
      .expect(201);

    const mine = await request(server)
      .get('/api/cloudops/incidents')
      .query({ entityRef: 'component:default/checkout-service' });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ items: [created.body], totalCount: 1 });

    const all = await request(server).get('/api/cloudops/incidents');
    expect(all.body.totalCount).toBe(2);
  });

  it('records a service principal as the creator', async () => {
    const server = await start();
    const res = await request(server)
      .post('/api/cloudops/incidents')
      .set('Authorization', mockCredentials.service.header())
      .send({ title: 'Node not ready', severity: 'warning' });
    expect(res.status).toBe(201);
    expect(res.body.createdBy).toBe(
      mockCredentials.service().principal.subject,
    );
    expect(res.body.entityRef).toBeUndefined();
  });

  it('rejects unauthenticated calls with 401', async () => {
    const server = await start();
    await request(server)
      .get('/api/cloudops/incidents')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    await request(server)
      .post('/api/cloudops/incidents')
      .set('Authorization', mockCredentials.none.header())
      .send({ title: 'x', severity: 'info' })
      .expect(401);
  });

  it('rejects calls the permission policy denies with 403', async () => {
    const server = await start(AuthorizeResult.DENY);
    const list = await request(server).get('/api/cloudops/incidents');
    expect(list.status).toBe(403);
    expect(list.body.error.message).toContain('cloudops.incident.read');
    const create = await request(server)
      .post('/api/cloudops/incidents')
      .send({ title: 'x', severity: 'info' });
    expect(create.status).toBe(403);
    expect(create.body.error.message).toContain('cloudops.incident.create');
  });

  it('names the bad field of a malformed incident and stores nothing', async () => {
    const server = await start();
    const res = await request(server)
      .post('/api/cloudops/incidents')
      .send({ title: '', severity: 'apocalyptic', entityRef: 'not a ref' });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(/title/);
    expect(res.body.error.message).toMatch(/severity/);
    expect(res.body.error.message).toMatch(/entityRef: not an entity ref/);

    const unknownField = await request(server)
      .post('/api/cloudops/incidents')
      .send({ title: 'ok', severity: 'info', colour: 'red' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.message).toMatch(/colour/);

    const all = await request(server).get('/api/cloudops/incidents');
    expect(all.body.totalCount).toBe(0);
  });

  it('rejects a bad query and a body over 1 MiB', async () => {
    const server = await start();
    await request(server)
      .get('/api/cloudops/incidents')
      .query({ limit: 10_000 })
      .expect(400);
    await request(server)
      .post('/api/cloudops/incidents')
      .send({
        title: 't',
        severity: 'info',
        description: 'x'.repeat(1_100_000),
      })
      .expect(413);
  });
});
