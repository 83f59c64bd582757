import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { parse } from 'yaml';
import { createRouter, RouterOptions } from './router';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/** The modules whose routes the spec describes, served only when installed. */
const MODULES = ['demo', 'prometheus', 'slack'];

type Operation = { tags?: string[]; 'x-cloudops-module'?: string };

const spec = parse(
  fs.readFileSync(path.resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);

/** Every operation as `method /route/:param`, with what it says of itself. */
const operations = Object.entries(
  spec.paths as Record<string, Record<string, Operation>>,
).flatMap(([route, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, operation]) => ({
      key: `${method} ${route.replace(/\{(\w+)\}/g, ':$1')}`,
      operation,
    })),
);

describe('openapi.yaml', () => {
  it('documents every route the router serves, and nothing else', async () => {
    // Modules' routes (x-cloudops-module) are served by their own routers.
    const documented = operations
      .filter(({ operation }) => !operation['x-cloudops-module'])
      .map(({ key }) => key);
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
  it("tags every route, and modules' routes with their module's tag only", () => {
    const tags = (spec.tags as { name: string }[]).map(t => t.name);
    const tagged = operations.map(({ key, operation }) => {
      const module = operation['x-cloudops-module'];
      const [tag, ...others] = operation.tags ?? [];
      return {
        key,
        known: tags.includes(tag) && others.length === 0,
        moduleTag: /^(\w+) module$/i.exec(tag)?.[1].toLowerCase(),
        module: module && MODULES.includes(module) ? module : module && '?',
      };
    });
    expect(tagged).toEqual(
      tagged.map(t => ({ ...t, known: true, moduleTag: t.module })),
    );
  });
});
