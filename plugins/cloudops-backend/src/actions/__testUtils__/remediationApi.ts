import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { eventually } from '../../__testUtils__/fakeHttpServer';

/** A remediation request as the API serves it, once it is in one of `states`. */
export async function settled(server: any, id: string, states: string[]) {
  return eventually(async () => {
    const res = await request(server).get(`/api/cloudops/remediations/${id}`);
    return states.includes(res.body.state) && res.body;
  });
}

/** A user's decision on a request, through the API (in the portal). */
export function decide(
  server: any,
  id: string,
  user: string,
  decision = 'approve',
) {
  return request(server)
    .post(`/api/cloudops/remediations/${id}/decision`)
    .set('Authorization', mockCredentials.user.header(user))
    .send({ decision });
}

/** An opportunity's state and its ledger: the moves (`from>to`) and entries. */
export async function ledgerOf(server: any, opportunityId: string) {
  const res = await request(server).get(
    `/api/cloudops/opportunities/${opportunityId}`,
  );
  return {
    state: res.body.state as string,
    moves: (res.body.ledger as any[]).map(e => `${e.from ?? ''}>${e.to}`),
    entries: res.body.ledger as any[],
  };
}
