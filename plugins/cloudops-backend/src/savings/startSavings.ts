import {
  AuditorService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  PricingSource,
  WasteDetector,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AuditedChanges } from '../audit/AuditedChanges';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { ShardedTasks } from '../scheduling/ShardedTasks';
import { OpportunityPipeline } from './OpportunityPipeline';
import { OpportunitySweep } from './OpportunitySweep';
import { PriceBook } from './PriceBook';
import { SavingsReports } from './reports/SavingsReports';
import { SavingsLedger } from './SavingsLedger';
import { readSavingsOptions } from './savingsOptions';
import { SavingsSummaries } from './SavingsSummaries';
import { SavingsValidation } from './validation/SavingsValidation';
import { WasteScans } from './WasteScans';

/**
 * Starts the savings loop: the modules' waste detectors and their
 * validation on sharded scheduled tasks, snooze wake-ups, the sweep of
 * opportunities no scan looks at any more and the weekly report; returns
 * what the API serves.
 */
export async function startSavings(deps: {
  config: RootConfigService;
  auditor: AuditorService;
  events: EventsService;
  logger: LoggerService;
  scheduler: SchedulerService;
  database: CloudopsDatabase;
  catalog: CatalogSnapshot;
  changes: AuditedChanges;
  tasks: ShardedTasks;
  detectors: WasteDetector[];
  pricing?: PricingSource;
  forecastRuleIds: () => ReadonlySet<string>;
}) {
  const options = readSavingsOptions(deps.config);
  const { database, auditor, logger } = deps;
  const scans = new WasteScans({
    ...deps,
    pipeline: new OpportunityPipeline({
      database,
      catalog: deps.catalog,
      auditor,
      incidentLookbackMs: options.incidentLookbackMs,
    }),
    validation: new SavingsValidation({
      database,
      auditor,
      logger,
      options: options.validation,
    }),
    sweep: new OpportunitySweep({
      database,
      logger,
      scanIntervalMs: options.scanIntervalMs,
    }),
    prices: new PriceBook({
      source: deps.pricing,
      accountCurrencies: options.accountCurrencies,
      logger,
    }),
    thresholds: options.thresholds,
    scanIntervalMs: options.scanIntervalMs,
    validationIntervalMs: options.validationIntervalMs,
  });
  await scans.start(deps.detectors);
  await new SavingsReports({ ...deps, options }).schedule(deps.tasks);
  return {
    ledger: new SavingsLedger(database, deps.changes, options),
    summaries: new SavingsSummaries(database, options),
  };
}
