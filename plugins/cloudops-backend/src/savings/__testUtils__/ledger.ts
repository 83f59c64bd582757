import { mockServices } from '@backstage/backend-test-utils';
import { testCatalogSnapshot } from '../../__testUtils__/testCatalog';
import {
  CloudopsDatabase,
  CloudopsStores,
} from '../../database/CloudopsDatabase';
import { OpportunityPipeline } from '../OpportunityPipeline';
import { MoveInput, moveOpportunity } from '../SavingsLedger';
import { SavingsValidation } from '../validation/SavingsValidation';

/** The detection pipeline on the test catalog, with no incident look-back. */
export async function testPipeline(
  database: CloudopsDatabase,
): Promise<OpportunityPipeline> {
  return new OpportunityPipeline({
    database,
    catalog: await testCatalogSnapshot(),
    auditor: mockServices.auditor.mock(),
    incidentLookbackMs: 0,
  });
}

/**
 * A person's move of opportunity `id` from the state it is in when the
 * move runs in `stores` (a transaction, or a change that races a job).
 */
export const moveNow =
  (id: string, input: MoveInput) => async (stores: CloudopsStores) =>
    moveOpportunity(stores, (await stores.opportunities.get(id))!, input);

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
  logger = mockServices.logger.mock(),
): SavingsValidation {
  return new SavingsValidation({
    database,
    auditor: mockServices.auditor.mock(),
    logger,
    options: {
      validateAfterDays: 3,
      realizeAfterDays,
      applyDeadlineDays: 14,
      maxPeakUtilization: 0.95,
    },
  });
}
