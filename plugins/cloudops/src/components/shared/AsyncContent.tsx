import { Progress } from '@backstage/core-components';
import { ReactNode } from 'react';
import { LoadError } from './LoadError';

/**
 * What a load shows: its error with a retry, a progress bar until the first
 * value, then the value (kept on screen while it reloads).
 */
export function AsyncContent<T>(props: {
  state: { value?: T; error?: Error; retry: () => void };
  what: string;
  children: (value: T) => ReactNode;
}) {
  const { value, error, retry } = props.state;
  if (error) {
    return <LoadError error={error} what={props.what} onRetry={retry} />;
  }
  if (value === undefined) {
    return <Progress />;
  }
  return <>{props.children(value)}</>;
}
