// The library lives in -node, so that executors in modules read the same runbooks.
export { RunbookLibrary } from '@cloudops-ai/backstage-plugin-cloudops-node';
