import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { parse } from 'yaml';
import { createRouter, RouterOptions } from './router';

describe('openapi.yaml', () => {
  it('documents every route the router serves, and nothing else', async () => {
    const spec = parse(
      fs.readFileSync(
        path.resolve(__dirname, '../schema/openapi.yaml'),
        'utf8',
      ),
    );
    const documented = Object.entries(
      spec.paths as Record<string, object>,
    ).flatMap(([route, item]) =>
      Object.keys(item).map(
        method => `${method} ${route.replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    );
    const router = await createRouter({
      auditor: mockServices.auditor.mock(),
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
    } as unknown as RouterOptions);
    const served = (router.stack as any[])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route.methods).map(
          method => `${method} ${layer.route.path}`,
        ),
      );
    expect(served.sort()).toEqual(documented.sort());
  });
});
