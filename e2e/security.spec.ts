import { expect, test, type Page } from '@playwright/test';
import { SANDBOX_META } from '../src/config';
import { metaJsonStringify, signBody } from '../src/sandbox/meta/signing';
import { SimulatedCustomer } from './guideCustomer';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { mainNav, signIn } from './support';

/**
 * The app runs under its Content-Security-Policy (no inline scripts, no framing) with a clean
 * console, and a message whose attachment URL is not http(s) never becomes a link or an image.
 */

/** Every CSP violation the page reports, from the moment it starts. */
async function watchPolicyViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('reportPolicyViolation', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportPolicyViolation(text: string): void }).reportPolicyViolation(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|frame)/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

test('the inbox and the sandbox work under the CSP with no violation', async ({ page }) => {
  const violations = await watchPolicyViolations(page);
  const response = await page.goto('/');
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/chat$/);
  for (const name of ['Contacts', 'Settings', 'Chat']) {
    await mainNav(page).getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  }
  await page.goto('/sandbox');
  await expect(page.getByRole('button', { name: 'New customer' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('an attachment whose URL is not http(s) is shown as text, never as a link', async ({ page, request }, testInfo) => {
  const violations = await watchPolicyViolations(page);
  const name = `Mallory Links ${testInfo.project.name} ${Date.now().toString(36)}`;
  const customer = await SimulatedCustomer.create(request, name);
  await customer.sendInstagram('Hello');
  const { customer: details } = await (await request.get(`/sandbox/api/customers/${customer.id}`)).json();

  // A forged-looking but correctly signed delivery, as a compromised integration could send.
  const body = metaJsonStringify({
    object: 'instagram',
    entry: [{
      id: SANDBOX_META.instagramAccountId,
      time: Date.now(),
      messaging: [{
        sender: { id: details.igsid },
        recipient: { id: SANDBOX_META.instagramAccountId },
        timestamp: Date.now(),
        message: { mid: `m_${Date.now().toString(36)}`, attachments: [{ type: 'image', payload: { url: 'javascript:alert(document.cookie)' } }, { type: 'file', payload: { url: 'data:text/html,<script>alert(1)</script>' } }] },
      }],
    }],
  });
  const delivered = await request.post('/webhooks/instagram', {
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, SANDBOX_META.appSecret) },
    data: body,
  });
  expect(delivered.status()).toBe(200);

  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('link', { name: new RegExp(name) }).click();
  const timeline = page.getByRole('list', { name: 'Messages' });
  await expect(timeline.getByText('[image]')).toBeVisible();
  await expect(timeline.getByText('[file]')).toBeVisible();
  await expect(timeline.locator('a[href^="javascript:"], a[href^="data:"], img[src^="javascript:"], img[src^="data:"]')).toHaveCount(0);
  expect(violations).toEqual([]);
});
