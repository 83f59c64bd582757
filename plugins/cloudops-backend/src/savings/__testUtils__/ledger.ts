import { mockServices } from '@backstage/backend-test-utils';
import { CloudopsDatabase } from '../../database/CloudopsDatabase';
import { moveOpportunity } from '../SavingsLedger';
import { SavingsValidation } from '../validation/SavingsValidation';

/** Moves an opportunity through pr_opened and approved to merged at `at`. */
export async function mergeOpportunity(
  database: CloudopsDatabase,
  id: string,
  at: Date,
): Promise<void> {
  await database.transaction(async stores => {
    let current = (await stores.opportunities.get(id))!;
    for (const to of ['pr_opened', 'approved', 'merged'] as const) {
      current = await moveOpportunity(stores, current, {
        to,
        actor: 'user:default/ana',
        at,
        pullRequestUrl: to === 'pr_opened' ? 'https://git/pr/1' : undefined,
      });
    }
  });
}

/** The validation job with the default limits and `realizeAfterDays`. */
export function testValidation(
  database: CloudopsDatabase,
  realizeAfterDays: number,
): SavingsValidation {
  return new SavingsValidation({
    database,
    auditor: mockServices.auditor.mock(),
    logger: mockServices.logger.mock(),
    options: {
      validateAfterDays: 3,
      realizeAfterDays,
      applyDeadlineDays: 14,
      maxPeakUtilization: 0.95,
    },
  });
}
