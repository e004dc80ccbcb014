import { expect, test } from '@cobrowse-kit/test-harness';
import type { Page } from '@playwright/test';

const CARD = '4242 4242 4242 4242';
const NEW_CARD = '5555 5555 5555 4444';

/** What our backend renders into each page: a JWT for this one person. */
async function withConfig(page: Page, config: Record<string, string>) {
  await page.addInitScript((c) => Object.assign(window, { COBROWSE_CONFIG: c }), config);
}

test('the agent joins with the customer’s own PIN, sees checkout, never the card number', async ({
  page,
  cobrowse,
}) => {
  // The customer, on our checkout page (Zoom's snippet; its CDN is routed to the local engine).
  await withConfig(page, { customerToken: await cobrowse.tokens.customer() }); // enable_byop: 1
  const customer = await cobrowse.customer(page);
  await page.goto('/');
  await page.getByLabel('Card number').fill(CARD);
  await page.getByLabel('Choose a PIN').fill('acme42');
  await page.getByRole('button', { name: 'Get help' }).click();
  expect(await customer.waitForPin()).toBe('ACME42');
  await expect(page.locator('#pin-display')).toHaveText('ACME42');

  // The agent: another person (own browser context) on our own agent page.
  const agentPage = await cobrowse.newPage();
  await withConfig(agentPage, { agentToken: await cobrowse.tokens.agent() });
  const agent = await cobrowse.agent(agentPage);
  await agentPage.goto('/agent.html');
  await agentPage.getByLabel('Customer PIN').fill('acme42');
  await agentPage.getByRole('button', { name: 'Join' }).click();
  await agent.waitForJoined();
  await expect(page.getByRole('status')).toHaveText('An agent is viewing this page.');

  // The agent sees the page, live; the card number only as asterisks.
  await expect(agent.view.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await expect(agent.view.getByLabel('Card number')).toHaveValue('*'.repeat(CARD.length));
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Card number').fill(NEW_CARD);
  await expect(agent.view.getByLabel('Full name')).toHaveValue('Ada Lovelace');
  await expect(agent.view.getByLabel('Card number')).toHaveValue('*'.repeat(NEW_CARD.length));

  // Neither card number crossed any WebSocket of either page; the name did (the recording works).
  expect(customer.wire.contains('Ada Lovelace')).toBe(true);
  for (const secret of [CARD, NEW_CARD]) {
    cobrowse.expectNotOnWire(page, secret);
    cobrowse.expectNotOnWire(agentPage, secret);
  }
});
