import fs from 'node:fs';
import path from 'node:path';
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';

/**
 * Helpers for the sandbox spec: the customer's two phones at /sandbox and screenshots of both
 * sides (agent and customer) at each step of the guide.
 */
export function phones(customer: Page) {
  const instagram = customer.getByRole('region', { name: 'Instagram', exact: true });
  const whatsapp = customer.getByRole('region', { name: 'WhatsApp', exact: true });
  return {
    instagram,
    whatsapp,
    async send(screen: 'instagram' | 'whatsapp', text?: string) {
      const region = screen === 'instagram' ? instagram : whatsapp;
      if (text !== undefined) await region.getByRole('textbox', { name: 'Message' }).fill(text);
      await region.getByRole('button', { name: 'Send', exact: true }).click();
    },
  };
}

/** Creates a simulated customer through the New customer dialog and waits for their phones. */
export async function newCustomer(customer: Page, input: { name: string; visiblePhone: boolean }) {
  await customer.goto('/sandbox');
  await expect(customer.getByRole('heading', { level: 1, name: 'Customer simulator' })).toBeVisible();
  await customer.getByRole('button', { name: 'New customer' }).click();
  const dialog = customer.getByRole('dialog', { name: 'New customer' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(input.name);
  const visiblePhone = dialog.getByRole('checkbox', { name: 'Visible phone number on WhatsApp' });
  if (!input.visiblePhone) await visiblePhone.uncheck();
  await dialog.getByRole('button', { name: 'Create customer' }).click();
  await expect(dialog).toBeHidden();
  await expect(customer.getByRole('heading', { level: 2, name: input.name })).toBeVisible();
  await expect(customer.getByRole('navigation', { name: 'Simulated customers' }).getByRole('link', { name: new RegExp(input.name) })).toHaveAttribute('aria-current', 'page');
  return new URL(customer.url()).searchParams.get('customer')!;
}

/** Screenshots of the agent's inbox and the customer's phones, numbered per step, per test. */
export function bothScreens(agent: Page, customer: Page, testInfo: TestInfo) {
  const slug = testInfo.title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
  const dir = path.join('e2e/artifacts/screenshots', testInfo.project.name, 'sandbox', slug);
  let step = 0;
  return async (name: string) => {
    step += 1;
    const base = path.join(dir, `${String(step).padStart(2, '0')}-${name}`);
    await agent.screenshot({ path: `${base}-agent.png` });
    await customer.screenshot({ path: `${base}-customer.png` });
  };
}

/**
 * The README's picture: the customer's phones and the agent's inbox side by side, drawn from
 * this run's screenshots in a blank page of the same browser.
 */
export async function saveSideBySide(browser: Browser, agent: Page, customer: Page, file: string) {
  const [sandboxPng, inboxPng] = await Promise.all([customer.screenshot(), agent.screenshot()]);
  const page = await browser.newPage({ viewport: { width: 2560, height: 800 } });
  try {
    const img = (png: Buffer, alt: string) => `<img alt="${alt}" src="data:image/png;base64,${png.toString('base64')}" style="width:1280px;height:800px;display:block">`;
    await page.setContent(`<body style="margin:0;display:flex">${img(sandboxPng, 'sandbox')}${img(inboxPng, 'inbox')}</body>`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
  } finally {
    await page.close();
  }
}
