import { DemoService } from '../estate/types';
import { seedOf, uniform } from './noise';
import { DAY_MS, HOUR_MS, STEP_MS } from './seasonality';

/** A routine deployment of a service. */
export interface Deploy {
  service: string;
  at: number;
  /** The version it rolled out, e.g. `2026.11.23.1512`. */
  version: string;
}

/** The share of weekdays on which a service is deployed. */
const DEPLOY_SHARE = 0.45;
/** Deployments happen in the team's working hours: 14:00–21:00 UTC. */
const FIRST_HOUR = 14;
const HOURS = 7;

function version(at: number): string {
  const iso = new Date(at).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '.')}.${iso.slice(
    11,
    13,
  )}${iso.slice(14, 16)}`;
}

/** The routine deployment of `service` on the UTC day starting at `dayStart`, if any. */
export function deployOnDay(
  service: DemoService,
  dayStart: number,
): Deploy | undefined {
  if (!service.deploys) return undefined;
  const weekday = new Date(dayStart).getUTCDay();
  if (weekday === 0 || weekday === 6) return undefined;
  const seed = seedOf(`deploy:${service.ref}`);
  const day = Math.floor(dayStart / DAY_MS);
  if (uniform(seed, 2 * day) >= DEPLOY_SHARE) return undefined;
  const minute = Math.floor(uniform(seed, 2 * day + 1) * HOURS * 60);
  const at = dayStart + FIRST_HOUR * HOUR_MS + minute * STEP_MS;
  return { service: service.ref, at, version: version(at) };
}

/** Routine deployments of `service` in (from, to]. */
export function deploysBetween(
  service: DemoService,
  from: number,
  to: number,
): Deploy[] {
  const found: Deploy[] = [];
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day <= to; day += DAY_MS) {
    const deploy = deployOnDay(service, day);
    if (deploy && deploy.at > from && deploy.at <= to) found.push(deploy);
  }
  return found;
}

/** The latest routine deployment of `service` at or before `t` within `withinMs`. */
export function lastDeploy(
  service: DemoService,
  t: number,
  withinMs = 14 * DAY_MS,
): Deploy | undefined {
  for (
    let day = Math.floor(t / DAY_MS) * DAY_MS;
    day >= t - withinMs;
    day -= DAY_MS
  ) {
    const deploy = deployOnDay(service, day);
    if (deploy && deploy.at <= t) return deploy;
  }
  return undefined;
}
