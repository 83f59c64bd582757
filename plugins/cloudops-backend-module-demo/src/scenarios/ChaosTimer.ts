import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DemoOptions } from '../config';
import { DemoFleet } from '../fleet/DemoFleet';
import { isActive } from './scenario';
import { ScenarioService } from './ScenarioService';
import { stableId } from './stableId';

/**
 * Chaos on a timer, so that the NOC is alive without anyone pressing a
 * button: when the backend starts on a quiet fleet, the first scenario of
 * the rotation is already running (it started `startupLead` ago, so its
 * incident is detected from the history pushed at start); then, every
 * `every`, the next kind in turn starts unless a scenario is still running.
 * The timer is one global scheduled task, and the scenarios' ids are
 * derived from their time slot, so several replicas start each one once.
 */
export class ChaosTimer {
  constructor(
    private readonly deps: {
      fleet: DemoFleet;
      scenarios: ScenarioService;
      options: DemoOptions['chaos'];
      scheduler: SchedulerService;
      logger: LoggerService;
    },
  ) {}

  async start(): Promise<void> {
    const { scheduler, options } = this.deps;
    await this.startupScenario();
    await scheduler.scheduleTask({
      id: 'cloudops-demo-chaos',
      scope: 'global',
      frequency: { milliseconds: options.everyMs },
      initialDelay: { milliseconds: options.everyMs },
      timeout: { minutes: 1 },
      fn: () => this.next(),
    });
  }

  /** Starts the rotation's first kind, already running, unless the fleet saw chaos recently. */
  async startupScenario(): Promise<void> {
    const { fleet, options } = this.deps;
    const now = fleet.clock.now();
    const recent = await fleet.scenarios.overlapping(
      now - fleet.clock.simulated(options.everyMs),
      now,
    );
    if (recent.length > 0 || options.kinds.length === 0) return;
    const slot = Math.floor(now / fleet.clock.simulated(options.everyMs));
    await this.begin(
      options.kinds[0],
      `startup:${slot}`,
      now - options.startupLeadMs,
    );
  }

  /** The next kind in turn, unless a scenario still runs. */
  async next(): Promise<void> {
    const { fleet, options } = this.deps;
    const now = fleet.clock.now();
    const running = (await fleet.scenarios.overlapping(now, now)).some(s =>
      isActive(s, now),
    );
    if (running || options.kinds.length === 0) return;
    const slot = Math.floor(now / fleet.clock.simulated(options.everyMs));
    await this.begin(
      options.kinds[slot % options.kinds.length],
      `timer:${slot}`,
    );
  }

  private async begin(
    kind: DemoOptions['chaos']['kinds'][number],
    name: string,
    startedAt?: number,
  ) {
    const { scenarios, logger } = this.deps;
    try {
      const scenario = await scenarios.start({
        kind,
        requestedBy: 'timer',
        id: stableId(name),
        startedAt,
      });
      logger.info(
        `Demo fleet: chaos timer started ${scenario.kind} on ${scenario.target} (${scenario.id})`,
      );
    } catch (error) {
      // Another replica took the same slot first.
      logger.debug(`Demo fleet: chaos slot ${name} not started: ${error}`);
    }
  }
}
