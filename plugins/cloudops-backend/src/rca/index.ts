/**
 * The deterministic root-cause analysis engine, usable on its own (the
 * `cloudops rca` command line and benchmarks import it from
 * `@cloudops-ai/backstage-plugin-cloudops-backend/rca`).
 *
 * @packageDocumentation
 */
export { analyzeCase, candidateServices } from './analyzeCase';
export { parseRcaCase, RcaCaseError } from './parseRcaCase';
export { RCA_ENGINE_CONFIG } from './engineConfig';
export type { RcaEngineConfig } from './engineConfig';
export { hasEvidence } from './hasEvidence';
