export { cloudopsPlugin as default } from './plugin';
