import { CallContext } from '../types';

/** An operation's implementation: decoded input in, output to encode out. */
export type Operation = (input: any, context: CallContext) => unknown;

/** A service's operations by name. */
export type Operations = Record<string, Operation>;
