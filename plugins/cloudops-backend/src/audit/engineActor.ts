/**
 * The engine's own name as the actor of what it does by itself: timeline
 * entries, ledger moves and audit events.
 */
export const ENGINE_ACTOR = 'cloudops';
