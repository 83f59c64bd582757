import { BlockActions } from './slackResponse';

/** Who clicked, and where, as the interaction payload says. */
export interface SlackClicker {
  /** The member id (`U…` or `W…`). */
  userId: string;
  /** The member's own workspace (`T…`), or organisation (`E…`) on Enterprise Grid. */
  userTeamId?: string;
  /** The workspace the click came from … */
  teamId?: string;
  /** … and its Enterprise Grid organisation. */
  enterpriseId?: string;
}

const id = (value: unknown) =>
  typeof value === 'string' && value ? value : undefined;

/** The clicker of an interaction payload. */
export function clickerOf(payload: BlockActions): SlackClicker {
  return {
    userId: id(payload.user?.id) ?? 'unknown',
    userTeamId: id(payload.user?.team_id),
    teamId: id(payload.team?.id),
    enterpriseId: id(payload.team?.enterprise_id) ?? id(payload.enterprise?.id),
  };
}

/**
 * Why a click is refused when only the workspaces and organisations
 * `teamIds` may click, or undefined when it is not: the workspace it came
 * from (or its organisation) must be one of them, and so must the member's
 * own team, unless that is the workspace's organisation (Enterprise Grid
 * names the organisation for members of every workspace in it). So a member
 * of another organisation clicking in a shared channel (Slack Connect) is
 * refused, as is a click in another workspace the app is installed in.
 */
export function teamRefusal(
  clicker: SlackClicker,
  teamIds: readonly string[],
): string | undefined {
  const allowed = (team?: string) => !!team && teamIds.includes(team);
  if (!allowed(clicker.teamId) && !allowed(clicker.enterpriseId)) {
    return `the click came from Slack workspace ${clicker.teamId ?? 'unknown'}${
      clicker.enterpriseId ? ` (organisation ${clicker.enterpriseId})` : ''
    }, which is not in cloudops.slack.teamIds`;
  }
  if (
    clicker.userTeamId &&
    !allowed(clicker.userTeamId) &&
    clicker.userTeamId !== clicker.enterpriseId
  ) {
    return `Slack user ${clicker.userId} is a member of ${clicker.userTeamId}, which is not in cloudops.slack.teamIds`;
  }
  return undefined;
}
