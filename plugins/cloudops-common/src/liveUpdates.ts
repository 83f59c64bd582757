/**
 * The Backstage signals channel on which the backend announces that incidents
 * changed (opened, joined by signals, moved through their lifecycle,
 * annotated), so open views reload what they show.
 *
 * @public
 */
export const CLOUDOPS_INCIDENTS_CHANNEL = 'cloudops:incidents';

/**
 * The message sent on {@link CLOUDOPS_INCIDENTS_CHANNEL}. Changes are
 * coalesced: one message names up to a hundred incidents and counts the rest.
 *
 * @public
 */
export type IncidentsChangedMessage = {
  incidentIds: string[];
  /** Changed incidents not named in `incidentIds`. */
  more: number;
};
