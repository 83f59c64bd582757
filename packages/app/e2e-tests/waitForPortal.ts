import { request } from '@playwright/test';
import { backendUrl, guestToken } from './portal';

/**
 * Playwright global set-up: the backend answers before the catalog has read
 * the example estate, so wait (up to five minutes) until it has.
 */
export default async function waitForPortal() {
  const api = await request.newContext();
  const deadline = Date.now() + 300_000;
  try {
    for (;;) {
      const token = await guestToken(api);
      const response = await api.get(
        `${backendUrl}/api/catalog/entities/by-name/component/default/checkout-service`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (response.ok()) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `The catalog did not list the example estate within 5 minutes (last status ${response.status()})`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  } finally {
    await api.dispose();
  }
}
