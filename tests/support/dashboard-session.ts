import type { Page } from 'playwright-core';

/**
 * Signs a browser spec's page in to /app with a key, after having it report console errors and page
 * errors into `problems` (the spec expects the list to be empty at its end).
 */
export async function signInToDashboard(page: Page, serverUrl: string, key: string, problems: string[]): Promise<void> {
  page.setDefaultTimeout(15_000);
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${serverUrl}/app`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The nav shows once the key is accepted, whichever screen is home.
  await page.getByRole('link', { name: 'Admin' }).waitFor();
}
