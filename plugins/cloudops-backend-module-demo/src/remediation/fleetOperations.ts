import { Runbook } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { DemoRuntime } from '../estate/types';
import { FleetOperation } from '../scenarios/scenario';

/** What a runbook action does to the simulated fleet, and to what it applies. */
export interface OperationInfo {
  operation: FleetOperation;
  /** Past tense, for outcomes: `restarted`. */
  done: string;
  /** The runtimes it works on. */
  runtimes: Array<DemoRuntime['type']>;
  costImpact: 'increase' | 'neutral';
}

const OPERATIONS: Record<FleetOperation, OperationInfo> = {
  restart: {
    operation: 'restart',
    done: 'restarted',
    runtimes: ['kubernetes', 'ecs', 'ec2'],
    costImpact: 'neutral',
  },
  'scale-out': {
    operation: 'scale-out',
    done: 'scaled out',
    runtimes: ['kubernetes', 'ecs'],
    costImpact: 'increase',
  },
  rollback: {
    operation: 'rollback',
    done: 'rolled back',
    runtimes: ['kubernetes', 'ecs'],
    costImpact: 'neutral',
  },
  'replace-node': {
    operation: 'replace-node',
    done: 'replaced the failed node of',
    runtimes: ['cluster'],
    costImpact: 'neutral',
  },
  failover: {
    operation: 'failover',
    done: 'failed over',
    runtimes: ['rds', 'elasticache'],
    costImpact: 'neutral',
  },
};

/** SSM Automation documents the demo fleet understands, by what they do. */
const SSM_DOCUMENTS: Record<string, FleetOperation> = {
  'AWS-RestartElastiCacheCluster': 'failover',
  'AWS-RebootRdsInstance': 'failover',
  'CloudOps-RebootRdsInstance': 'failover',
  'CloudOps-FailoverRdsInstance': 'failover',
  'CloudOps-ForceNewEcsDeployment': 'restart',
  'CloudOps-RestartEC2Instance': 'restart',
};

const KUBERNETES_ACTIONS: Record<string, FleetOperation> = {
  'kubernetes.rollout-restart': 'restart',
  'kubernetes.scale': 'scale-out',
  'kubernetes.rollout-undo': 'rollback',
  'kubernetes.replace-node': 'replace-node',
};

/** The action types the demo executor runs, for messages. */
export const KNOWN_ACTIONS = [
  ...Object.keys(KUBERNETES_ACTIONS),
  ...Object.keys(SSM_DOCUMENTS).map(d => `aws.ssm-automation (${d})`),
];

/** The fleet operation a runbook action stands for, if the demo fleet can run it. */
export function operationOf(
  action: Runbook['action'],
): OperationInfo | undefined {
  if (!action) return undefined;
  const byType = KUBERNETES_ACTIONS[action.type];
  if (byType) return OPERATIONS[byType];
  if (action.type === 'aws.ssm-automation') {
    const document = action.params?.document;
    const operation =
      typeof document === 'string' ? SSM_DOCUMENTS[document] : undefined;
    return operation ? OPERATIONS[operation] : undefined;
  }
  return undefined;
}
