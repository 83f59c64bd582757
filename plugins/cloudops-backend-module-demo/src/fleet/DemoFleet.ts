import { DemoClock } from '../clock';
import { DEMO_ESTATE } from '../estate/estate';
import { DemoEstate, DemoService } from '../estate/types';
import { FleetModel } from '../model/FleetModel';
import { Scenario } from '../scenarios/scenario';
import { ScenarioStore } from '../scenarios/ScenarioStore';
import { FleetSignals } from '../signals/FleetSignals';

/**
 * The simulated fleet as the module's parts share it: the estate, its
 * signals, the clock, and the injected scenarios from the database.
 */
export class DemoFleet {
  readonly signals: FleetSignals;

  constructor(
    readonly clock: DemoClock,
    readonly scenarios: ScenarioStore,
    readonly estate: DemoEstate = DEMO_ESTATE,
  ) {
    this.signals = new FleetSignals(estate);
  }

  /** The model over [from, to] with the scenarios that matter in it. */
  async model(from: number, to: number): Promise<FleetModel> {
    return new FleetModel(
      this.estate,
      await this.scenarios.overlapping(from, to),
    );
  }

  /** The model with exactly these scenarios (for previews and tests). */
  modelWith(scenarios: Scenario[]): FleetModel {
    return new FleetModel(this.estate, scenarios);
  }

  service(ref: string): DemoService | undefined {
    return this.estate.services.find(s => s.ref === ref);
  }
}
