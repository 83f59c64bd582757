import { LoggerService } from '@backstage/backend-plugin-api';
import { DemoOptions } from '../config';
import { DemoFleet } from '../fleet/DemoFleet';
import { seedOf, uniform } from '../model/noise';
import { Scenario, ScenarioKind } from './scenario';
import { ScenarioService } from './ScenarioService';
import { stableId } from './stableId';

const MINUTE = 60_000;
/** A past fault lasts between these (simulated time)... */
const MIN_DURATION_MS = 10 * MINUTE;
const MAX_DURATION_MS = 20 * MINUTE;
/** ...and keeps this clear of any other scenario, so each is its own incident. */
const CLEARANCE_MS = 45 * MINUTE;
const SEED = seedOf('cloudops-demo:past-faults');

/** Who the scenarios of the history are requested by. */
export const PAST_FAULTS_REQUESTER = 'history';

/** A fault of the history, as planned for its slot. */
export interface PlannedFault {
  id: string;
  kind: ScenarioKind;
  startedAt: number;
  durationMs: number;
}

/**
 * The faults of the generated history: the chaos rotation played over the
 * last `history.days`, one fault per `history.pastFaults.every` slot at a
 * varying moment of the slot, on each kind's default target, ending on
 * their own after 10 to 20 minutes. Slots are aligned to the epoch and
 * scenario ids derive from the slot, so every replica and every restart
 * records the same faults once; the history pushed at start then carries
 * them through the real pipeline (signals, rules, incidents, RCA), which
 * is what gives the NOC's charts and the similar-incident search a past.
 * The last slot ends before the detectors' warm-up window, which belongs
 * to the live fleet.
 */
export class PastFaults {
  constructor(
    private readonly deps: {
      fleet: DemoFleet;
      scenarios: ScenarioService;
      options: DemoOptions;
      logger: LoggerService;
    },
  ) {}

  /** The faults of the history window before `now`, as planned (not yet recorded). */
  plan(now: number): PlannedFault[] {
    const { options } = this.deps;
    const { everyMs } = options.pastFaults;
    const kinds = options.chaos.kinds;
    if (!options.pastFaults.enabled || kinds.length === 0) return [];
    const earliest = now - options.historyDays * 24 * 60 * MINUTE;
    const latest = now - options.warmupMs - CLEARANCE_MS;
    const planned: PlannedFault[] = [];
    for (
      let slot = Math.ceil(earliest / everyMs);
      (slot + 1) * everyMs <= latest;
      slot++
    ) {
      const startedAt =
        slot * everyMs +
        Math.floor(
          (uniform(SEED, 2 * slot) * (everyMs - CLEARANCE_MS)) / MINUTE,
        ) *
          MINUTE;
      const durationMs =
        MIN_DURATION_MS +
        Math.floor(
          (uniform(SEED, 2 * slot + 1) * (MAX_DURATION_MS - MIN_DURATION_MS)) /
            MINUTE,
        ) *
          MINUTE;
      if (startedAt < earliest || startedAt + durationMs > latest) continue;
      const kind = kinds[((slot % kinds.length) + kinds.length) % kinds.length];
      planned.push({
        id: stableId(`history:${everyMs}:${slot}`),
        kind,
        startedAt,
        durationMs,
      });
    }
    return planned;
  }

  /**
   * Records the planned faults that are not recorded yet and do not come
   * near a scenario the fleet already had (a live one from an earlier run).
   */
  async record(): Promise<Scenario[]> {
    const { fleet, scenarios, logger } = this.deps;
    const recorded: Scenario[] = [];
    for (const fault of this.plan(fleet.clock.now())) {
      if (await fleet.scenarios.get(fault.id)) continue;
      const near = await fleet.scenarios.overlapping(
        fault.startedAt - CLEARANCE_MS,
        fault.startedAt + fault.durationMs + CLEARANCE_MS,
      );
      if (near.length > 0) continue;
      try {
        recorded.push(
          await scenarios.start({
            ...fault,
            requestedBy: PAST_FAULTS_REQUESTER,
          }),
        );
      } catch (error) {
        // Another replica recorded the same slot first.
        logger.debug(
          `Demo fleet: past fault ${fault.id} not recorded: ${error}`,
        );
      }
    }
    if (recorded.length > 0) {
      logger.info(
        `Demo fleet: recorded ${recorded.length} past faults over the last ${this.deps.options.historyDays} days of history`,
      );
    }
    return recorded;
  }
}
