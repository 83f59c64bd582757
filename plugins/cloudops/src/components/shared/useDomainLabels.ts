import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DETECTOR_RUN_OUTCOMES,
  INCIDENT_EVENT_TYPES,
  INCIDENT_SEVERITIES,
  INCIDENT_STATES,
  OPPORTUNITY_STATES,
  OpportunityRisk,
  RCA_SERIES_KINDS,
  RcaFaultKind,
  REMEDIATION_STATES,
  RemediationPolicyResult,
  SIGNAL_KINDS,
  SIGNAL_STATUSES,
  VALIDATION_STATUSES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { cloudopsTranslationRef } from '../../translation';
import { knownLabel } from './knownLabel';

const RISK_LEVELS: readonly OpportunityRisk['level'][] = [
  'low',
  'medium',
  'high',
];

const FAULTS: readonly RcaFaultKind[] = [...RCA_SERIES_KINDS, 'unknown'];

const BLOCKERS: readonly NonNullable<RemediationPolicyResult['blockedBy']>[] = [
  'read-only',
  'cost-safe',
  'blast-radius',
  'executor',
];

/**
 * The readable labels of the values of CloudOps' enumerations from the
 * translation ref (`rca` → `Root-cause analysis`); a value this frontend
 * does not know shows as it is. The values themselves stay as they are in
 * data and addresses.
 */
export function useDomainLabels() {
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const of =
    <T extends string>(known: readonly T[], label: (value: T) => string) =>
    (value: string) =>
      knownLabel(known, value, label);
  return {
    severity: of(INCIDENT_SEVERITIES, v => t(`common.severity.${v}`)),
    incidentState: of(INCIDENT_STATES, v => t(`common.state.${v}`)),
    eventType: of(INCIDENT_EVENT_TYPES, v => t(`incident.timeline.types.${v}`)),
    signalKind: of(SIGNAL_KINDS, v => t(`incident.signals.kinds.${v}`)),
    signalStatus: of(SIGNAL_STATUSES, v => t(`incident.signals.statuses.${v}`)),
    fault: of(FAULTS, v => t(`rca.fault.${v}`)),
    remediationState: of(REMEDIATION_STATES, v => t(`remediation.state.${v}`)),
    blocker: of(BLOCKERS, v => t(`remediation.blockers.${v}`)),
    opportunityState: of(OPPORTUNITY_STATES, v => t(`savings.state.${v}`)),
    risk: of(RISK_LEVELS, v => t(`savings.risk.${v}`)),
    detectorOutcome: of(DETECTOR_RUN_OUTCOMES, v => t(`noc.detectors.${v}`)),
    setupStatus: of(VALIDATION_STATUSES, v => t(`setup.statuses.${v}`)),
  };
}
