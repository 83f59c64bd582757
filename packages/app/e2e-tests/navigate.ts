import { Page } from '@playwright/test';

/**
 * Goes to a path inside the already loaded portal the way its own links do
 * (a history entry and the router's popstate), without reloading the whole
 * app: a full load of the development bundle costs seconds on a small
 * machine, a route change costs milliseconds.
 */
export async function navigateInApp(page: Page, path: string) {
  await page.evaluate(target => {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}
