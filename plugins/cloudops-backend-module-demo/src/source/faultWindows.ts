import { FleetModel } from '../model/FleetModel';
import { endOf, Scenario } from '../scenarios/scenario';

const MINUTE = 60_000;
/** Per-minute history starts this long before a past fault: the rules' and the RCA's baseline (with 20 minutes the RCA blamed the callers of a failed database)... */
const LEAD_MS = 45 * MINUTE;
/** ...and runs this long after it ended (recovery, resolution). */
const TAIL_MS = 15 * MINUTE;

/** A stretch of per-minute history around past faults, and the services it covers. */
export interface FaultWindow {
  from: number;
  to: number;
  services: Set<string>;
}

/**
 * The services a fault shows in first: its target (for a node, the
 * cluster and every service with a pod on it) and, for a service, its
 * direct callers — enough for the rules to see the fault and for the RCA
 * to tell the cause from those it hurts.
 */
export function servicesShowing(
  model: FleetModel,
  scenario: Scenario,
): Set<string> {
  const { estate } = model;
  const showing = new Set<string>([scenario.target]);
  if (scenario.node) {
    for (const service of estate.services) {
      if (service.runtime.type !== 'kubernetes') continue;
      const onNode = service.runtime.pods.some(
        (_, pod) => model.nodeOf(service.ref, pod) === scenario.node,
      );
      if (onNode) showing.add(service.ref);
    }
    return showing;
  }
  for (const [caller, callee] of estate.edges) {
    if (callee === scenario.target) showing.add(caller);
  }
  return showing;
}

/**
 * The windows of per-minute history around the faults that ended before
 * `until`, within [from, until], oldest first; overlapping windows merge.
 */
export function faultWindows(
  model: FleetModel,
  from: number,
  until: number,
): FaultWindow[] {
  const windows: FaultWindow[] = [];
  const faults = model.scenarios
    .filter(s => s.startedAt - LEAD_MS >= from && endOf(s) + TAIL_MS <= until)
    .sort((a, b) => a.startedAt - b.startedAt);
  for (const fault of faults) {
    const window = {
      from: fault.startedAt - LEAD_MS,
      to: endOf(fault) + TAIL_MS,
      services: servicesShowing(model, fault),
    };
    const last = windows[windows.length - 1];
    if (last && window.from <= last.to) {
      last.to = Math.max(last.to, window.to);
      window.services.forEach(s => last.services.add(s));
    } else {
      windows.push(window);
    }
  }
  return windows;
}
