import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  cloudopsIncidentCreatePermission,
  cloudopsIncidentReadPermission,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { IncidentStore } from '../database/IncidentStore';
import {
  listIncidentsQuerySchema,
  newIncidentSchema,
  parseInput,
} from './validation';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  incidents: IncidentStore;
}

/** The REST API: validation, authorization and audit; the work is in the stores. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, incidents } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  async function authorize(req: Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    return credentials;
  }

  router.get('/incidents', async (req, res) => {
    await authorize(req, cloudopsIncidentReadPermission);
    const query = parseInput(listIncidentsQuerySchema, req.query, 'query');
    res.json(await incidents.listIncidents(query));
  });

  router.post('/incidents', async (req, res) => {
    const auditorEvent = await auditor.createEvent({
      eventId: 'incident-create',
      severityLevel: 'medium',
      request: req,
    });
    try {
      const credentials = await authorize(
        req,
        cloudopsIncidentCreatePermission,
      );
      const input = parseInput(newIncidentSchema, req.body, 'incident');
      const principal = credentials.principal;
      const incident = await incidents.createIncident({
        ...input,
        createdBy:
          principal.type === 'user'
            ? principal.userEntityRef
            : principal.subject,
      });
      await auditorEvent.success({ meta: { incidentId: incident.id } });
      res.status(201).json(incident);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
