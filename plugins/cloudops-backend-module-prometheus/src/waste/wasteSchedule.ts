import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { WasteOptions } from '../config';

/** The detectors' schedule when `waste.frequency` is set; else the engine's default. */
export function wasteSchedule(
  options: WasteOptions,
): SchedulerServiceTaskScheduleDefinition | undefined {
  if (options.frequencyMs === undefined) return undefined;
  return {
    frequency: { milliseconds: options.frequencyMs },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 1 },
  };
}
