import crypto from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  DemoScenario,
  DemoScenarioKindInfo,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { DemoFleet } from '../fleet/DemoFleet';
import { endOf, Scenario, SCENARIO_KINDS, ScenarioKind } from './scenario';
import { DEFAULT_NODE, kindInfo } from './scenarioKinds';

/** What a request to start a scenario may say. */
export interface StartScenario {
  kind: ScenarioKind;
  target?: string;
  node?: string;
  /** How long until it ends on its own (default `cloudops.demo.scenarios.maxDuration`). */
  durationMs?: number;
  requestedBy: string;
  /** A fixed id (the timer's, so replicas agree); random otherwise. */
  id?: string;
  /** When it started (the timer's first scenario starts in the past); now otherwise. */
  startedAt?: number;
}

const MAX_DURATION_MS = 6 * 3_600_000;

/**
 * Starts, stops and lists the chaos scenarios, checking that each targets
 * what its kind can be injected into.
 */
export class ScenarioService {
  constructor(
    private readonly fleet: DemoFleet,
    private readonly defaultDurationMs: number,
  ) {}

  /** Every kind, with the entities it can target. */
  kinds(): DemoScenarioKindInfo[] {
    return SCENARIO_KINDS.map(kind => {
      const info = kindInfo(kind);
      return {
        kind,
        title: info.title,
        description: info.description,
        defaultTarget: info.defaultTarget,
        targets: this.targetsOf(kind),
      };
    });
  }

  async start(request: StartScenario): Promise<Scenario> {
    const info = kindInfo(request.kind);
    const target = request.target ?? info.defaultTarget;
    const service = this.fleet.service(target);
    if (!service) {
      throw new InputError(
        `target: ${target} is not part of the demo fleet; ${
          request.kind
        } can target ${this.targetsOf(request.kind).join(', ')}`,
      );
    }
    if (!info.runtimes.includes(service.runtime.type)) {
      throw new InputError(
        `target: ${request.kind} cannot be injected into ${target} (${
          service.runtime.type
        }); it can target ${this.targetsOf(request.kind).join(', ')}`,
      );
    }
    let node: string | undefined;
    if (request.kind === 'node-not-ready') {
      node = request.node ?? DEFAULT_NODE;
      const nodes = this.fleet.estate.cluster.nodes.map(n => n.name);
      if (!nodes.includes(node)) {
        throw new InputError(
          `node: ${node} is not a node of cluster ${
            this.fleet.estate.cluster.name
          } (${nodes.join(', ')})`,
        );
      }
    } else if (request.node) {
      throw new InputError(`node: only node-not-ready takes a node`);
    }
    const durationMs = request.durationMs ?? this.defaultDurationMs;
    if (!(durationMs >= 60_000 && durationMs <= MAX_DURATION_MS)) {
      throw new InputError(
        `duration: must be between 1 minute and 6 hours, got ${durationMs} ms`,
      );
    }
    const startedAt = request.startedAt ?? this.fleet.clock.now();
    const scenario: Scenario = {
      id: request.id ?? crypto.randomUUID(),
      kind: request.kind,
      target,
      node,
      startedAt,
      endsAt: startedAt + durationMs,
      requestedBy: request.requestedBy,
    };
    await this.fleet.scenarios.add(scenario, new Date());
    return scenario;
  }

  async stop(id: string, by: string): Promise<Scenario> {
    const scenario = await this.fleet.scenarios.get(id);
    if (!scenario) throw new NotFoundError(`No demo scenario ${id}`);
    const ended = await this.fleet.scenarios.end(
      id,
      this.fleet.clock.now(),
      `stopped by ${by}`,
    );
    if (!ended) {
      throw new ConflictError(`Demo scenario ${id} is not running`);
    }
    return ended;
  }

  async recent(limit: number): Promise<Scenario[]> {
    return this.fleet.scenarios.recent(limit);
  }

  /** A scenario as the API serves it. */
  toApi(scenario: Scenario): DemoScenario {
    const iso = (t: number) => new Date(t).toISOString();
    const now = this.fleet.clock.now();
    let state: DemoScenario['state'] = 'active';
    if (scenario.endedAt !== undefined && scenario.endedAt <= now) {
      state = 'ended';
    } else if (endOf(scenario) <= now) state = 'expired';
    return {
      id: scenario.id,
      kind: scenario.kind,
      target: scenario.target,
      node: scenario.node,
      startedAt: iso(scenario.startedAt),
      endsAt: iso(scenario.endsAt),
      endedAt:
        scenario.endedAt === undefined ? undefined : iso(scenario.endedAt),
      endedBy: scenario.endedBy,
      requestedBy: scenario.requestedBy,
      state,
    };
  }

  private targetsOf(kind: ScenarioKind): string[] {
    const { runtimes } = kindInfo(kind);
    return this.fleet.estate.services
      .filter(s => runtimes.includes(s.runtime.type))
      .map(s => s.ref);
  }
}
