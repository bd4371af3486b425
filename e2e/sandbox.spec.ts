import { expect, test, type Page } from '@playwright/test';
import { bothScreens, newCustomer, phones, saveSideBySide } from './sandboxScreens';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { mainNav, signIn } from './support';

/**
 * The guide end to end, with two browsers: the agent in the inbox and the customer at /sandbox.
 * Every step is a click or a keystroke on a screen; the only call to an API is a read of what the
 * simulated platform received, to know the Connect link's text independently of the phone's view.
 */
const scenarios = [
  { title: 'manual merge mode asks the agent, with a visible phone', manual: true, visiblePhone: true, name: 'Beatriz Lima', readme: true },
  { title: 'auto merge does not ask, with a visible phone', manual: false, visiblePhone: true, name: 'Tomás Ribeiro', readme: false },
  { title: 'manual merge mode, WhatsApp user without a visible phone', manual: true, visiblePhone: false, name: 'Yuki Tanaka', readme: false },
  { title: 'auto merge, WhatsApp user without a visible phone', manual: false, visiblePhone: false, name: 'Amara Okafor', readme: false },
] as const;
// Names no other spec and no random simulated customer uses (specs share one Braid per project), so a
// conversation row is found by its customer's name alone.

const CONFIRMATION = /now linked to your Instagram/;

// A click that finds nothing fails with the locator it waited for, instead of running out the test's time.
test.use({ actionTimeout: 20_000 });

async function setManualMergeMode(agent: Page, manual: boolean) {
  await mainNav(agent).getByRole('link', { name: 'Settings', exact: true }).click();
  await agent.getByRole('main').getByRole('link', { name: 'Instagram', exact: true }).click();
  await agent.getByRole('link', { name: 'Prompt Settings', exact: true }).click();
  await agent.getByRole('link', { name: 'Merge Automation', exact: true }).click();
  const toggle = agent.getByRole('switch', { name: 'Manual merge mode' });
  await expect(toggle).toBeVisible();
  if ((await toggle.isChecked()) !== manual) {
    await toggle.click();
    await expect(agent.getByRole('status')).toContainText('allowAutoMerge setting updated');
  }
  await expect(toggle).toBeChecked({ checked: manual });
  await agent.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(agent.getByRole('heading', { level: 1, name: 'Instagram' })).toBeVisible();
}

/** The wa.me text of the newest Connect button the business sent this customer, decoded by the URL standard. */
async function connectLinkText(customer: Page, customerId: string): Promise<string> {
  const response = await customer.request.get(`/sandbox/api/sends?channel=instagram&customerId=${encodeURIComponent(customerId)}`);
  expect(response.ok()).toBe(true);
  const { sends } = (await response.json()) as { sends: { buttons?: { title: string; url?: string }[] }[] };
  const connect = sends.flatMap((s) => s.buttons ?? []).filter((b) => b.title === 'Connect').at(-1);
  expect(connect?.url, 'the invite carries a Connect link').toMatch(/^https:\/\/wa\.me\/\d+\?text=/);
  return new URL(connect!.url!).searchParams.get('text')!;
}

for (const scenario of scenarios) {
  test(`the guide from both sides: ${scenario.title}`, async ({ browser }, testInfo) => {
    test.setTimeout(150_000);
    const agentContext = await browser.newContext();
    const customerContext = await browser.newContext();
    const agent = await agentContext.newPage();
    const customer = await customerContext.newPage();
    const shot = bothScreens(agent, customer, testInfo);
    const { instagram, whatsapp, send } = phones(customer);

    try {
      await test.step('the admin signs in and sets the merge mode', async () => {
        await agent.goto('/');
        await signIn(agent, ADMIN_EMAIL, ADMIN_PASSWORD);
        await expect(agent).toHaveURL(/\/chat$/);
        await setManualMergeMode(agent, scenario.manual);
      });

      const customerId = await test.step('a customer is created on the simulator', () =>
        newCustomer(customer, { name: scenario.name, visiblePhone: scenario.visiblePhone }),
      );
      await shot('customer-created');

      await test.step('the customer says "Hi" on Instagram and the automated sequence answers on their screen', async () => {
        await send('instagram', 'Hi');
        await expect(instagram.getByText('Hi', { exact: true })).toBeVisible();
        await expect(instagram.getByText('Hi! 👋 Thanks for your message.')).toBeVisible();
        await expect(instagram.getByText('How would you like to continue?')).toBeVisible();
        await expect(instagram.getByRole('button', { name: 'Talk to an agent' })).toBeVisible();
        await expect(instagram.getByRole('button', { name: 'Continue on WhatsApp' })).toBeVisible();
        await shot('automation-answered');
      });

      await test.step('the agent opens Chat, the conversation, and assigns it to themself', async () => {
        await mainNav(agent).getByRole('link', { name: 'Chat', exact: true }).click();
        await agent.getByRole('link', { name: new RegExp(scenario.name) }).click();
        await expect(agent.getByRole('heading', { level: 2, name: scenario.name })).toBeVisible();
        await agent.getByRole('button', { name: 'Assign to myself' }).click();
        await expect(agent.getByRole('button', { name: 'Assign to myself' })).toBeHidden();
        await shot('assigned');
      });

      await test.step('the agent sends the WhatsApp invite; the customer sees Connect', async () => {
        await agent.getByRole('button', { name: 'Send WhatsApp invite' }).click();
        await agent.getByRole('dialog').getByRole('button', { name: 'OK', exact: true }).click();
        await expect(agent.getByRole('dialog')).toBeHidden();
        await expect(instagram.getByRole('button', { name: 'Connect', exact: true })).toBeVisible();
        await shot('invite-sent');
      });

      const sentence = await test.step('the customer taps Connect: WhatsApp opens with the link text pre-filled', async () => {
        const expected = await connectLinkText(customer, customerId);
        expect(expected).not.toBe('');
        await instagram.getByRole('button', { name: 'Connect', exact: true }).click();
        const input = whatsapp.getByRole('textbox', { name: 'Message' });
        await expect(input).toBeFocused();
        await expect(input).toHaveValue(expected);
        await shot('connect-prefilled');
        return expected;
      });

      await test.step('the customer sends the pre-filled text on WhatsApp', async () => {
        await send('whatsapp');
        await expect(whatsapp.getByText(sentence, { exact: true })).toBeVisible();
        await expect(whatsapp.getByRole('textbox', { name: 'Message' })).toHaveValue('');
        await shot('code-sent');
      });

      await test.step(scenario.manual ? 'manual mode: the agent is asked and merges' : 'auto mode: merged without asking', async () => {
        if (scenario.manual) {
          // "Click the new conversation": the WhatsApp one, whose last message is the customer's sentence.
          await mainNav(agent).getByRole('link', { name: 'Chat', exact: true }).click();
          await agent.getByRole('link', { name: new RegExp(scenario.name) }).filter({ hasText: /link my Instagram chat/ }).click();
          const merge = agent.getByRole('button', { name: 'Merge', exact: true });
          await expect(merge).toBeVisible();
          // Nothing is merged, and the customer told nothing, until the agent confirms.
          await expect(whatsapp.getByText(CONFIRMATION)).toHaveCount(0);
          await shot('agent-asked');
          await merge.click();
          await expect(agent.getByRole('status')).toContainText('merged');
        } else {
          // The agent stays on the Instagram thread: the merge is announced there, and nothing asks.
          await expect(agent.getByRole('status')).toContainText('merged');
          await expect(agent.getByRole('button', { name: 'Merge', exact: true })).toHaveCount(0);
        }
        await expect(whatsapp.getByText(CONFIRMATION)).toBeVisible();
        await shot('merged');
        if (scenario.readme && process.env.BRAID_README_SCREENSHOTS && testInfo.project.name === 'sqlite') {
          await saveSideBySide(browser, agent, customer, 'docs/screenshots/sandbox-and-inbox.png');
        }
      });

      await test.step('the agent replies via WhatsApp and the customer reads it there', async () => {
        const reply = `Great, ${scenario.name.split(' ')[0]}! Let's continue here.`;
        await agent.getByRole('radiogroup', { name: 'Reply via' }).getByRole('radio', { name: 'WhatsApp' }).click();
        await agent.getByRole('textbox', { name: 'Message' }).fill(reply);
        await agent.getByRole('button', { name: 'Send', exact: true }).click();
        await expect(whatsapp.getByText(reply, { exact: true })).toBeVisible();
        // The customer has the chat open, so the reply is read (a read status goes back to Braid).
        await expect(whatsapp.getByRole('listitem').filter({ hasText: reply })).toContainText('Read');
        await shot('whatsapp-reply');
      });
    } finally {
      await agentContext.close();
      await customerContext.close();
    }
  });
}
