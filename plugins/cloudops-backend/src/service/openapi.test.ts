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
    // Routes of the router and of the routers it mounts (all at its root).
    const routesOf = (stack: any[]): string[] =>
      stack.flatMap(layer => {
        if (layer.route) {
          return Object.keys(layer.route.methods).map(
            method => `${method} ${layer.route.path}`,
          );
        }
        return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
      });
    const served = routesOf(router.stack);
    expect(served.sort()).toEqual(documented.sort());
  });
});
