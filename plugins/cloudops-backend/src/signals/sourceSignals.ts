import {
  describeSignalProblems,
  SignalInput,
  signalInputProblems,
} from '@cloudops-ai/backstage-plugin-cloudops-node';

/**
 * A source's signals checked against what can be stored: those that fit,
 * and one line for those that do not
 * (`signal 3: name: String must contain at most 255 character(s)`), so a
 * signal that does not fit its columns is refused on its own instead of
 * failing the group commit it would have joined.
 */
export function checkSourceSignals(signals: SignalInput[]): {
  fit: SignalInput[];
  problem?: string;
} {
  const problems = signalInputProblems(signals);
  if (problems.length === 0) return { fit: signals };
  const refused = new Set(problems.map(p => p.index));
  const listed = describeSignalProblems(
    problems,
    p => `signal ${p.index}: ${p.path || '(signal)'}`,
  );
  return {
    fit: signals.filter((_, i) => !refused.has(i)),
    problem: `${refused.size} of ${signals.length} signal(s) refused: ${listed}`,
  };
}
