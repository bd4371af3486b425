import { expect, test, type Page } from '@playwright/test';
import { SimulatedCustomer } from './guideCustomer';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { mainNav, signIn, stepScreenshots } from './support';

/**
 * The guide (shared/seed/contact-merge-automation.txt) played end to end in the agent UI, in
 * both merge modes, with the customer acted by the simulated Meta platform's control API.
 */
const modes = [
  { title: 'manual merge mode: the agent is asked and merges', manual: true },
  { title: 'auto merge: merged without asking', manual: false },
] as const;

async function setManualMergeMode(page: Page, manual: boolean, shot: (name: string) => Promise<void>) {
  await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: 'Instagram', exact: true }).click();
  await page.getByRole('link', { name: 'Prompt Settings', exact: true }).click();
  await page.getByRole('link', { name: 'Merge Automation', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Merge Automation' })).toBeVisible();
  const toggle = page.getByRole('switch', { name: 'Manual merge mode' });
  // Start from the opposite, so the guide's toggle (and its notification) happens in both modes.
  if ((await toggle.isChecked()) === manual) {
    await toggle.click();
    await expect(toggle).toBeChecked({ checked: !manual });
    await expect(page.getByRole('status')).toContainText(`allowAutoMerge setting updated: ${manual}`);
  }
  await toggle.click();
  await expect(toggle).toBeChecked({ checked: manual });
  await expect(page.getByRole('status')).toContainText(`allowAutoMerge setting updated: ${!manual}`);
  await shot('merge-automation-toggled');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Instagram' })).toBeVisible();
}

for (const mode of modes) {
  test(`the guide: ${mode.title}`, async ({ page, request }, testInfo) => {
    test.setTimeout(120_000);
    const shot = stepScreenshots(page, testInfo, `guide-${mode.manual ? 'manual' : 'auto'}`);
    const name = `${mode.manual ? 'Ana Souza' : 'Kenji Nakamura'} ${testInfo.project.name} ${Date.now().toString(36)}`;

    await test.step('the admin signs in', async () => {
      await page.goto('/');
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await expect(page).toHaveURL(/\/chat$/);
    });

    await test.step('Settings → Instagram → Prompt Settings → Merge Automation: toggle Manual merge mode, Back', () =>
      setManualMergeMode(page, mode.manual, shot));

    const customer = await SimulatedCustomer.create(request, name);
    const conversationLink = page.getByRole('link', { name: new RegExp(name) });

    await test.step('the customer says "Hi" on Instagram; Chat shows it with the automated sequence', async () => {
      // The agent is on the Instagram settings when it arrives (Chat was last seen empty at sign-in).
      await customer.sendInstagram('Hi');
      await expect.poll(async () => (await customer.received('instagram')).length).toBeGreaterThanOrEqual(2);
      await mainNav(page).getByRole('link', { name: 'Chat', exact: true }).click();
      await expect(conversationLink).toHaveCount(1);
      await shot('chat-list');
      await conversationLink.click();
      await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
      const timeline = page.getByRole('list', { name: 'Messages' });
      await expect(timeline.getByText('Hi! 👋 Thanks for your message.')).toBeVisible();
      await expect(timeline.getByText('How would you like to continue?')).toBeVisible();
      await shot('thread-automation');
    });

    await test.step('Assign to myself', async () => {
      await page.getByRole('button', { name: 'Assign to myself' }).click();
      await expect(page.getByRole('button', { name: 'Assign to myself' })).toBeHidden();
      await expect(page.getByText('Assigned to you', { exact: true })).toBeVisible();
      await expect(page.getByRole('list', { name: 'Messages' }).getByText('assigned the conversation to themself')).toBeVisible();
      await shot('assigned');
    });

    await test.step('Send WhatsApp invite → OK', async () => {
      await page.getByRole('button', { name: 'Send WhatsApp invite' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible();
      await shot('invite-confirm');
      await dialog.getByRole('button', { name: 'OK', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('list', { name: 'Messages' }).getByText('WhatsApp invite sent')).toBeVisible();
      await expect(page.getByText('Sent, waiting for the customer')).toBeVisible();
      await shot('invite-sent');
    });

    await test.step('the customer taps Connect and sends the pre-filled WhatsApp text', async () => {
      await expect.poll(async () => (await customer.received('instagram')).some((send) => send.buttons?.some((b) => b.title === 'Connect'))).toBe(true);
      await customer.sendWhatsApp(await customer.connectLinkText());
    });

    if (mode.manual) {
      await test.step('manual mode: the new conversation asks the agent, who clicks Merge', async () => {
        const whatsappRow = conversationLink.filter({ hasText: /link my Instagram chat/ });
        await expect(whatsappRow).toHaveCount(1);
        await whatsappRow.click();
        const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Merge request' }) });
        await expect(card).toContainText('connected on WhatsApp through the invite');
        await shot('merge-request');
        await card.getByRole('button', { name: 'Merge', exact: true }).click();
        await expect(page.getByRole('status')).toContainText('merged');
        await expect(card.getByRole('button', { name: 'Merge', exact: true })).toHaveCount(0);
      });
    } else {
      await test.step('auto mode: merged without asking, and the agent is told', async () => {
        await expect(page.getByRole('status')).toContainText('merged');
        await expect(page.getByRole('button', { name: 'Merge', exact: true })).toHaveCount(0);
      });
    }

    await test.step('one timeline: both channels, each marked, with the merge as a system item', async () => {
      const timeline = page.getByRole('list', { name: 'Messages' });
      // Both contacts carry the customer's name, so the notice names the channels instead of the name twice.
      await expect(timeline.getByText(`${name}'s WhatsApp is now linked to their Instagram contact.`).first()).toBeVisible();
      await expect(timeline.getByText(/link my Instagram chat/).first()).toBeVisible();
      await expect(page.getByRole('radiogroup', { name: 'Reply via' })).toBeVisible();
      await shot('merged');
    });

    await test.step('reply via Instagram and via WhatsApp; each reaches its own endpoint', async () => {
      const replyVia = page.getByRole('radiogroup', { name: 'Reply via' });
      for (const channel of ['instagram', 'whatsapp'] as const) {
        const label = channel === 'instagram' ? 'Instagram' : 'WhatsApp';
        const text = `Replying on ${label} (${name})`;
        await replyVia.getByRole('radio', { name: label }).click();
        await expect(replyVia.getByRole('radio', { name: label })).toBeChecked();
        await page.getByRole('textbox', { name: 'Message' }).fill(text);
        await page.getByRole('button', { name: 'Send', exact: true }).click();
        await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('');
        await expect(page.getByRole('list', { name: 'Messages' }).getByText(text)).toBeVisible();
        await expect.poll(async () => (await customer.received(channel)).some((send) => send.text === text)).toBe(true);
        const other = channel === 'instagram' ? 'whatsapp' : 'instagram';
        expect((await customer.received(other)).some((send) => send.text === text)).toBe(false);
      }
      await shot('replied-both-channels');
    });

    await test.step('undo the merge from the contact panel', async () => {
      const panel = page.getByRole('complementary', { name: 'Contact details' });
      // At desktop width the panel is beside the thread (narrow screens open it with Contact details).
      await expect(panel).toBeVisible();
      await panel.getByRole('button', { name: 'Undo merge' }).click();
      const dialog = page.getByRole('dialog', { name: 'Undo this merge?' });
      await shot('undo-confirm');
      await dialog.getByRole('button', { name: 'OK', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('status')).toContainText('Merge undone');
      await expect(page.getByRole('radiogroup', { name: 'Reply via' })).toHaveCount(0);
      await expect(panel.getByText(/^Undone on/)).toBeVisible();
      // Apart again, a reply goes out where this conversation is (WhatsApp after the manual merge's thread, Instagram in auto mode).
      const here = mode.manual ? 'whatsapp' : 'instagram';
      const text = `After the undo (${name})`;
      await page.getByRole('textbox', { name: 'Message' }).fill(text);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect.poll(async () => (await customer.received(here)).some((send) => send.text === text)).toBe(true);
      await shot('undone');
    });

    await test.step('Contacts: search finds the customer, whose page has the merge history', async () => {
      await mainNav(page).getByRole('link', { name: 'Contacts', exact: true }).click();
      await page.getByRole('searchbox', { name: 'Search contacts' }).fill(name);
      const contacts = page.getByRole('list', { name: 'Contacts' }).getByRole('link').filter({ hasText: name });
      await expect(contacts).toHaveCount(2); // apart again: the Instagram contact and the WhatsApp one
      await shot('contacts-search');
      await contacts.filter({ hasText: '@' }).click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: 'Merge history' })).toBeVisible();
      await expect(page.getByText(/^Undone on/)).toBeVisible();
      await shot('contact-page');
    });
  });
}
