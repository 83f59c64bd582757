// The route check lives in -node, so that modules' routes make the same one.
export {
  authorizeCredentials,
  createAuthorize,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
export type { Authorize } from '@cloudops-ai/backstage-plugin-cloudops-node';
