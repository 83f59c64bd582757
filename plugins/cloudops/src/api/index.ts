export { cloudopsApiRef } from './CloudopsApi';
export type { CloudopsApi } from './CloudopsApi';
export { CloudopsClient } from './CloudopsClient';
