import { cloudopsDetectorReadPermission } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Router from 'express-promise-router';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { Authorize } from './authorize';
import {
  detectorHealthQuerySchema,
  detectorRunsQuerySchema,
  parseInput,
} from './validation';

/** Detector health: the latest run per detector and shard, and run history. */
export function detectorRoutes(options: {
  authorize: Authorize;
  database: CloudopsDatabase;
}) {
  const { authorize, database } = options;
  const router = Router();

  router.get('/detectors/health', async (req, res) => {
    await authorize(req, cloudopsDetectorReadPermission);
    const query = parseInput(detectorHealthQuerySchema, req.query, 'query');
    res.json({
      items: await database.stores.detectorRuns.health(query),
    });
  });

  router.get('/detectors/runs', async (req, res) => {
    await authorize(req, cloudopsDetectorReadPermission);
    const query = parseInput(detectorRunsQuerySchema, req.query, 'query');
    res.json({
      items: await database.stores.detectorRuns.list({
        detector: query.detector,
        shard: query.shard,
        limit: query.limit,
        beforeId: query.before,
      }),
    });
  });

  return router;
}
