import {
  AnyParams,
  RouteFunc,
  RouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';

/**
 * The link function of one of this plugin's own routes, or undefined while
 * the app does not mount it: the CloudOps page is not installed (legacy
 * app) or its extension is disabled (new frontend system). `useRouteRef`
 * throws "No path for routeRef" then, which would take down a card shown
 * on an entity page that never needed the page.
 *
 * `useRouteRef` runs all of its hooks before it throws, so the hook order
 * stays the same either way.
 */
export function useOptionalRouteRef<Params extends AnyParams>(
  routeRef: RouteRef<Params>,
): RouteFunc<Params> | undefined {
  try {
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}
