import path from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };

/**
 * Saves each step as two screenshots, desktop and 375 px wide, under
 * e2e/artifacts/screenshots/<project>/, so a person can look through the flow.
 */
export function stepScreenshots(page: Page, testInfo: TestInfo, prefix: string) {
  const dir = path.join('e2e/artifacts/screenshots', testInfo.project.name);
  let step = 0;
  return async (name: string) => {
    step += 1;
    const base = `${prefix}-${String(step).padStart(2, '0')}-${name}`;
    const original = page.viewportSize() ?? DESKTOP;
    await page.screenshot({ path: path.join(dir, `${base}-desktop.png`), fullPage: true });
    await page.setViewportSize(PHONE);
    // Let layout settle at the new width before capturing.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: path.join(dir, `${base}-375.png`), fullPage: true });
    await page.setViewportSize(original);
  };
}

export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

export async function signIn(page: Page, email: string, password: string) {
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /^Account/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Braid' })).toBeVisible();
}
