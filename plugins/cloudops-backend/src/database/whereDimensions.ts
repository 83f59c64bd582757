import { Knex } from 'knex';
import { IncidentFilter } from './IncidentStore';

/**
 * The filter's conditions on incident dimensions (entity, system, owner,
 * account, severity, state), whose columns have the same names in
 * `incidents` and `incident_daily_counts`.
 */
export function whereDimensions(
  query: Knex.QueryBuilder,
  filter: IncidentFilter,
): void {
  if (filter.entityRef) {
    query.where(q =>
      q
        .where('entity_ref', filter.entityRef!)
        .orWhere('candidate_entity_ref', filter.entityRef!),
    );
  }
  if (filter.systemRef) query.where('system_ref', filter.systemRef);
  if (filter.ownerRef) query.where('owner_ref', filter.ownerRef);
  if (filter.account) query.where('account', filter.account);
  if (filter.severity?.length) query.whereIn('severity', filter.severity);
  if (filter.state?.length) query.whereIn('state', filter.state);
}
