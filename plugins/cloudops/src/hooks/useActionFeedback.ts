import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { errorMessage } from '../components/shared';

/** Tells the user how an action they took went (a transient success, a sticky failure with the backend's reason). */
export function useActionFeedback() {
  const alertApi = useApi(alertApiRef);
  return useMemo(
    () => ({
      succeeded(message: string, severity: 'success' | 'warning' = 'success') {
        alertApi.post({ message, severity, display: 'transient' });
      },
      failed(message: string, error: unknown) {
        alertApi.post({
          message: `${message}: ${errorMessage(error)}`,
          severity: 'error',
        });
      },
    }),
    [alertApi],
  );
}
