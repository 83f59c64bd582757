import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const DOCUMENTS_DIR = join(__dirname, '..', 'documents');

/**
 * A run's effect on cost, as the `cloudops:cost-impact` tag states it to
 * the cost-safe policy of the `aws-ssm-automation` remediation executor
 * (`increase` and an untagged document are refused outside production in
 * cost-safe mode).
 */
export type CostImpact = 'increase' | 'neutral' | 'decrease';

/** Each shipped document's effect on cost, by name. */
const COST_IMPACTS: Record<string, CostImpact> = {
  // Restarts and redeployments run the same resources again.
  'CloudOps-RestartEC2Instance': 'neutral',
  'CloudOps-ForceNewEcsDeployment': 'neutral',
  'CloudOps-RebootRdsInstance': 'neutral',
  'CloudOps-RollbackEcsService': 'neutral',
  // Any desired count, so it may add tasks.
  'CloudOps-ScaleEcsService': 'increase',
  // A snapshot costs less than the volume it replaces.
  'CloudOps-SnapshotAndDeleteVolume': 'decrease',
};

/** The SSM Automation documents remediation runs, by name (`CloudOps-…`). */
export function automationDocuments(): Array<{
  name: string;
  content: any;
  costImpact: CostImpact;
}> {
  return readdirSync(DOCUMENTS_DIR)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .map(file => {
      const name = file.replace(/\.yaml$/, '');
      const costImpact = COST_IMPACTS[name];
      if (!costImpact) {
        throw new Error(
          `documents/${file} has no cost impact: add it to COST_IMPACTS in src/documents.ts`,
        );
      }
      return {
        name,
        content: parse(readFileSync(join(DOCUMENTS_DIR, file), 'utf8')),
        costImpact,
      };
    });
}
