import { Evidence } from './evidence';
import { LedgerEntry, OpportunityState } from './ledger';

/**
 * What kind of waste an opportunity is about.
 *
 * @public
 */
export const OPPORTUNITY_KINDS = [
  'ec2-idle',
  'ec2-rightsize',
  'ecs-rightsize',
  'ebs-orphan',
  'load-balancer-idle',
  'rds-idle',
  'kubernetes-requests',
  'kubernetes-idle-node',
  'kubernetes-hpa',
  'karpenter-consolidation',
] as const;

/** @public */
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

/**
 * The scaffolder remediation template that applies each kind of
 * opportunity (opened as a pull request against the resource's
 * infrastructure code). The templates are shipped by the scaffolder module;
 * they are referenced here by name.
 *
 * @public
 */
export const REMEDIATION_TEMPLATES: Record<OpportunityKind, string> = {
  'ec2-idle': 'cloudops-ec2-stop-idle',
  'ec2-rightsize': 'cloudops-ec2-rightsize',
  'ecs-rightsize': 'cloudops-ecs-rightsize-task',
  'ebs-orphan': 'cloudops-ebs-snapshot-and-delete',
  'load-balancer-idle': 'cloudops-elb-delete-idle',
  'rds-idle': 'cloudops-rds-stop-idle',
  'kubernetes-requests': 'cloudops-k8s-rightsize-requests',
  'kubernetes-idle-node': 'cloudops-k8s-drain-idle-node',
  'kubernetes-hpa': 'cloudops-k8s-hpa-bounds',
  'karpenter-consolidation': 'cloudops-karpenter-enable-consolidation',
};

/**
 * The resource an opportunity is about.
 *
 * @public
 */
export interface OpportunityResource {
  /** Its unique id: an ARN, or `k8s:<cluster>/<namespace>/<kind>/<name>[/<container>]`. */
  id: string;
  /** `ec2:instance`, `ebs:volume`, `k8s:deployment`… */
  type: string;
  name?: string;
  region?: string;
  account?: string;
  cluster?: string;
  namespace?: string;
  /** AWS tags or Kubernetes labels, used to find its catalog entity. */
  labels?: Record<string, string>;
}

/**
 * One side of the change: what runs now or what is recommended.
 *
 * @public
 */
export interface OpportunitySide {
  /** For people: `m5.2xlarge (8 vCPU, 32 GiB)`, `cpu 2, memory 4 GiB`. */
  description: string;
  /** Monthly cost in the opportunity's currency. */
  monthlyCost: number;
  /** Machine-readable figures the remediation template takes. */
  spec: Record<string, string | number | boolean>;
}

/**
 * How risky applying an opportunity is, 0 (none) to 100.
 *
 * @public
 */
export interface OpportunityRisk {
  score: number;
  level: 'low' | 'medium' | 'high';
  /** Entities that depend on the resource's entity, directly or not. */
  blastRadius: { dependents: number; score: number };
  /** Incidents on the entity within the look-back, weighted by severity. */
  sloImpact: { incidents: number; score: number };
  /** From the entity's `cloudops.ai/environment`; unknown counts as production. */
  environment: string;
  /** How disruptive the change itself is (delete > stop > resize). */
  change: { action: string; score: number };
  /** Plain statements of each factor. */
  factors: string[];
}

/**
 * A savings opportunity: a wasteful resource, what to do about it, what it
 * saves and how risky it is, tracked through the savings ledger.
 *
 * @public
 */
export interface Opportunity {
  id: string;
  /** The waste detector that found it, e.g. `aws-ec2`. */
  detector: string;
  kind: OpportunityKind;
  /** The detector's shard: an AWS account or a cluster. */
  shard: string;
  resource: OpportunityResource;
  account?: string;
  entityRef?: string;
  ownerRef?: string;
  systemRef?: string;
  title: string;
  current: OpportunitySide;
  recommended: OpportunitySide;
  /** Estimated monthly savings, in `currency`. */
  monthlySavings: number;
  /** ISO 4217, the account's currency. */
  currency: string;
  /** 0..1: how sure the detector is (data coverage, margin to thresholds). */
  confidence: number;
  risk: OpportunityRisk;
  /** The scaffolder template that applies it, and its parameters. */
  remediation: { template: string; parameters: Record<string, unknown> };
  state: OpportunityState;
  /** ISO 8601 timestamps. */
  firstDetectedAt: string;
  lastDetectedAt: string;
  stateChangedAt: string;
  detectionCount: number;
  snoozedUntil?: string;
  pullRequestUrl?: string;
  /** Savings measured from post-change usage and cost so far. */
  realizedToDate: number;
  /** The monthly savings measured over the latest post-change window. */
  measuredMonthlySavings?: number;
}

/**
 * An opportunity with its evidence, ledger history and post-change
 * measurements.
 *
 * @public
 */
export interface OpportunityDetail extends Opportunity {
  evidence: Evidence;
  ledger: LedgerEntry[];
  observations: SavingsObservation[];
}

/**
 * One post-change measurement of an opportunity's resource over a window:
 * whether the change is in place, its usage, and what it cost against what
 * it would have cost unchanged.
 *
 * @public
 */
export interface SavingsObservation {
  id: string;
  opportunityId: string;
  /** ISO 8601. */
  windowStart: string;
  windowEnd: string;
  /** Whether the recommended change was found in place. */
  applied: boolean;
  /** What the resource would have cost in the window unchanged. */
  baselineCost: number;
  /** What it did cost in the window. */
  actualCost: number;
  /** baselineCost − actualCost. */
  savings: number;
  /** Post-change peak utilisation of the new capacity, 0..1, when known. */
  peakUtilization?: number;
  /** Where the cost came from: `cost-explorer`, `usage-x-price`… */
  costSource: string;
  observedAt: string;
}

/**
 * A page of opportunities, largest savings first unless asked otherwise.
 *
 * @public
 */
export interface OpportunityList {
  items: Opportunity[];
  totalCount: number;
  /**
   * Monthly savings of every opportunity that matches (not just the page),
   * one total per currency (savings in different currencies are never
   * added up), by currency code; empty when nothing matches.
   */
  totals: OpportunityCurrencyTotal[];
}

/**
 * The monthly savings of a list's opportunities in one currency.
 *
 * @public
 */
export interface OpportunityCurrencyTotal {
  /** ISO 4217. */
  currency: string;
  monthlySavings: number;
}

/**
 * The savings of one entity (or a system, or a team), for the cost card.
 *
 * @public
 */
export interface SavingsSummary {
  entityRef?: string;
  currency: string;
  /** Monthly savings of its open opportunities (detected, PR opened, approved). */
  potentialMonthlySavings: number;
  openCount: number;
  /** Savings measured after changes, to date. */
  realizedToDate: number;
  /** Monthly run-rate of the measured savings of validated and realized changes. */
  realizedMonthly: number;
  topOpportunities: Opportunity[];
  /** Measured savings per period, oldest first. */
  realizedSeries: Array<{ periodStart: string; amount: number }>;
  /** Read-only pilot mode: detectors and reports run, no PRs are opened. */
  readOnly: boolean;
}
