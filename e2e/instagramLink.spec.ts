import { expect, test, type Page } from '@playwright/test';
import { newCustomer, phones } from './sandboxScreens';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { mainNav, signIn } from './support';

/**
 * The guide's link the other way: a customer who starts on WhatsApp is sent an Instagram link by
 * the agent, taps Open Instagram on their WhatsApp phone in the customer simulator, writes on the
 * Instagram that opens, and ends as one contact. Manual merge mode first (the agent merges), then
 * auto merge, which is also where the workspace is left.
 */
async function setManualMergeMode(page: Page, manual: boolean) {
  await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: 'Instagram', exact: true }).click();
  await page.getByRole('link', { name: 'Prompt Settings', exact: true }).click();
  await page.getByRole('link', { name: 'Merge Automation', exact: true }).click();
  const toggle = page.getByRole('switch', { name: 'Manual merge mode' });
  await expect(toggle).toBeVisible();
  if ((await toggle.isChecked()) !== manual) {
    await toggle.click();
    await expect(page.getByRole('status')).toContainText(`allowAutoMerge setting updated: ${!manual}`);
  }
  await expect(toggle).toBeChecked({ checked: manual });
}

for (const mode of [
  { title: 'manual merge mode: the agent merges', manual: true },
  { title: 'auto merge: linked without asking', manual: false },
] as const) {
  test(`Instagram link from WhatsApp, ${mode.title}`, async ({ page, browser }, testInfo) => {
    test.setTimeout(120_000);
    const name = `${mode.manual ? 'Lia Moreira' : 'Otto Brandt'} ${testInfo.project.name} ${Date.now().toString(36)}`;
    await page.goto('/');
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await setManualMergeMode(page, mode.manual);

    const customerContext = await browser.newContext();
    const customer = await customerContext.newPage();
    try {
      await newCustomer(customer, { name, visiblePhone: true });
      const { instagram, whatsapp, send } = phones(customer);

      await test.step('the customer writes on WhatsApp first', async () => {
        await send('whatsapp', 'Hello, is the green one back?');
        await expect(whatsapp.getByText('Hello, is the green one back?')).toBeVisible();
      });

      await test.step('the agent opens the WhatsApp conversation: Send Instagram link → OK', async () => {
        await mainNav(page).getByRole('link', { name: 'Chat', exact: true }).click();
        await page.getByRole('link', { name: new RegExp(name) }).click();
        await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
        await page.getByRole('button', { name: 'Send Instagram link' }).click();
        const dialog = page.getByRole('dialog');
        await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible();
        await dialog.getByRole('button', { name: 'OK', exact: true }).click();
        await expect(dialog).toBeHidden();
        await expect(page.getByRole('list', { name: 'Messages' }).getByText('Instagram link sent')).toBeVisible();
      });

      await test.step('the customer taps Open Instagram; Instagram opens on the business, where they write', async () => {
        await whatsapp.getByRole('button', { name: 'Open Instagram' }).click();
        const input = instagram.getByRole('textbox', { name: 'Message' });
        await expect(input).toBeFocused();
        await send('instagram', 'Hi, it is me on Instagram');
        await expect(instagram.getByText('Hi, it is me on Instagram')).toBeVisible();
      });

      if (mode.manual) {
        await test.step('the WhatsApp thread asks the agent, who clicks Merge', async () => {
          const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Merge request' }) });
          await expect(card).toContainText('opened Instagram through the Instagram link');
          await card.getByRole('button', { name: 'Merge', exact: true }).click();
          await expect(page.getByRole('status')).toContainText('merged');
        });
      } else {
        await test.step('merged without asking, and the agent is told', async () => {
          await expect(page.getByRole('status')).toContainText('merged');
          await expect(page.getByRole('button', { name: 'Merge', exact: true })).toHaveCount(0);
        });
      }

      await test.step('one contact: the thread replies on either channel, and the customer was told on both phones', async () => {
        await expect(page.getByRole('radiogroup', { name: 'Reply via' })).toBeVisible();
        await expect(page.getByRole('list', { name: 'Messages' }).getByText('Hi, it is me on Instagram')).toBeVisible();
        await expect(whatsapp.getByText(/This chat is now linked to the Instagram account @/)).toBeVisible();
        await expect(whatsapp.getByRole('button', { name: 'Not me' })).toBeVisible();
        await expect(instagram.getByText('Your Instagram is now linked to your WhatsApp chat with us', { exact: false })).toBeVisible();
        await mainNav(page).getByRole('link', { name: 'Contacts', exact: true }).click();
        await page.getByRole('searchbox', { name: 'Search contacts' }).fill(name);
        await expect(page.getByRole('list', { name: 'Contacts' }).getByRole('link').filter({ hasText: name })).toHaveCount(1);
      });
    } finally {
      await customerContext.close();
    }
  });
}
