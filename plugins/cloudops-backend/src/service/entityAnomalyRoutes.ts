import { NotFoundError } from '@backstage/errors';
import { cloudopsIncidentReadPermission } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Router from 'express-promise-router';
import { ENTITY_WARMUP } from '../anomaly/multivariate/EntityAnomalyScorer';
import { EntityAnomalies } from '../detectors/EntityAnomalies';
import { Authorize } from './authorize';
import { entityAnomalyQuerySchema, parseInput } from './validation';

/** The latest multivariate anomaly score of an entity's metrics. */
export function entityAnomalyRoutes(options: {
  authorize: Authorize;
  /** Absent when a module replaced the built-in detectors. */
  entityAnomalies?: EntityAnomalies;
}) {
  const { authorize, entityAnomalies } = options;
  const router = Router();

  router.get('/entities/anomaly', async (req, res) => {
    await authorize(req, cloudopsIncidentReadPermission);
    const { entityRef } = parseInput(
      entityAnomalyQuerySchema,
      req.query,
      'query',
    );
    const score = entityAnomalies?.latest(entityRef);
    if (!score) {
      throw new NotFoundError(
        `No multivariate anomaly score for ${entityRef} yet (its metrics need ${ENTITY_WARMUP} one-minute vectors)`,
      );
    }
    res.json(score);
  });

  return router;
}
