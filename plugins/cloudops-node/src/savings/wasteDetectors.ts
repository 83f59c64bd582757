import {
  createExtensionPoint,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  Evidence,
  Opportunity,
  OpportunityKind,
  OpportunityResource,
  OpportunitySide,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { SavingsThresholds } from './detection/thresholds';
import { PriceList } from './prices/PriceList';
import { RegionPrices } from './prices/onDemandPriceTable';

/**
 * What a waste detector found wasteful about one resource. The detection
 * functions of this package build these; the engine turns them into
 * opportunities (one per detector and resource: a resource found again
 * updates its opportunity, one no longer found expires), adds the catalog
 * entity, the risk score and the remediation template.
 *
 * @public
 */
export interface WasteFinding {
  kind: OpportunityKind;
  resource: OpportunityResource;
  /** The catalog entity, when the detector knows it; else the engine looks it up. */
  entityRef?: string;
  title: string;
  current: OpportunitySide;
  recommended: OpportunitySide & {
    /** What the change does: `stop`, `terminate`, `delete`, `resize`, `scale`, `configure`. */
    action: string;
  };
  /** current − recommended monthly cost, in `currency`. */
  monthlySavings: number;
  currency: string;
  /** 0..1. */
  confidence: number;
  evidence: Evidence;
  /** Parameters for the remediation template (its name comes from the kind). */
  remediationParameters: Record<string, unknown>;
}

/**
 * What the engine hands a detector for one run on one shard.
 *
 * @public
 */
export interface WasteDetectorContext {
  /** The shard (account, cluster) this run covers, when the detector is sharded. */
  shard?: string;
  signal: AbortSignal;
  now: Date;
  /** The thresholds in force (defaults, overridden by `cloudops.savings.thresholds`). */
  thresholds: SavingsThresholds;
  /**
   * Prices of a region: the AWS Pricing API when a module supplies it, else
   * the shipped table; undefined for a region neither knows. In the
   * currency `cloudops.savings.accounts` sets for `account`, the AWS
   * account of the resources priced (not the shard, which may hold several
   * accounts or be a cluster), else in the table's (US dollars).
   */
  prices(region: string, account?: string): Promise<PriceList | undefined>;
}

/**
 * A post-change measurement a detector reports for an opportunity whose
 * change was merged: is the change in place, how was the resource used
 * since, and what did it cost.
 *
 * @public
 */
export interface PostChangeObservation {
  opportunityId: string;
  /** The window measured; the engine asks from the last window's end (or the merge). */
  windowStart: Date;
  windowEnd: Date;
  /** Whether the resource now looks like the recommendation (type, stopped, deleted, requests). */
  applied: boolean;
  /** What the resource cost in the window, as billed or as usage × price. */
  actualCost: number;
  /** Where `actualCost` comes from: `cost-explorer`, `usage-x-price`. */
  costSource: string;
  /**
   * Peak utilisation of the new capacity in the window (0..1), when the
   * resource still runs: CPU p99 of the new size, memory peak of the new
   * requests. A validation fails when it is above the limit.
   */
  peakUtilization?: number;
}

/**
 * What the engine hands a detector to measure changed opportunities on one
 * shard.
 *
 * @public
 */
export interface WasteObservationContext extends WasteDetectorContext {
  /** Opportunities of this detector and shard whose change was merged (merged, validated). */
  opportunities: Array<
    Opportunity & {
      /** Where the window to measure starts (the merge, or the last window's end). */
      observeFrom: Date;
    }
  >;
}

/**
 * A waste detector: finds idle and oversized resources, per shard. The
 * engine schedules it (one global scheduler task per shard, so backend
 * replicas share the shards), records every run for detector health, turns
 * its findings into opportunities, and, once a change is merged, asks it to
 * measure the resource after the change.
 *
 * @public
 */
export interface WasteDetector {
  /** e.g. `aws-ec2`, `kubernetes-workloads`. */
  id: string;
  /** Defaults to `cloudops.savings.scanInterval` (6 hours). */
  schedule?: SchedulerServiceTaskScheduleDefinition;
  /** The shards (accounts, clusters), listed again at every run of the schedule. */
  shards?(options: { signal: AbortSignal }): Promise<string[]>;
  /** Fetches the shard's usage and inventory and runs the detection functions on it. */
  detect(context: WasteDetectorContext): Promise<WasteFinding[]>;
  /**
   * Measures changed opportunities after their change: without it, the
   * engine cannot validate them (they stay merged).
   */
  observe?(context: WasteObservationContext): Promise<PostChangeObservation[]>;
}

/**
 * Current prices from a pricing service (the AWS Pricing API in the AWS
 * module); what it returns overrides the shipped table for that region.
 *
 * @public
 */
export interface PricingSource {
  readonly id: string;
  regionPrices(
    region: string,
    options: { signal: AbortSignal },
  ): Promise<Partial<RegionPrices> | undefined>;
}

/**
 * Lets modules add waste detectors and a pricing source.
 *
 * @public
 */
export interface CloudopsWasteDetectorsExtensionPoint {
  addDetector(detector: WasteDetector): void;
  setPricingSource(source: PricingSource): void;
}

/** @public */
export const cloudopsWasteDetectorsExtensionPoint =
  createExtensionPoint<CloudopsWasteDetectorsExtensionPoint>({
    id: 'cloudops.waste-detectors',
  });
