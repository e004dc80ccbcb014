import { createAgent, createCustomer } from '@cobrowse-kit/test-harness';
import { expect, openCustomerPage, test, uniquePin } from './fixtures';

// The harness's own paths that the page-driven specs do not take: starting and ending a session
// from the test through the page's SDK, and the plain functions with a browser of our own.

test('customer.start() and customer.end() drive the page SDK directly; the agent sees the end', async ({
  page,
  cobrowse,
}) => {
  const customer = await openCustomerPage(cobrowse, page);
  const pin = uniquePin('hs');
  await customer.start({ pin });
  expect(await customer.waitForPin()).toBe(pin.toUpperCase());
  // The page's own UI followed the SDK, whoever called start().
  await expect(page.locator('#pin-display')).toHaveText(pin.toUpperCase());

  const agent = await cobrowse.agent();
  await agent.join(pin);
  await expect(agent.view.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await customer.end();
  await agent.waitForEvent('session_ended');
  await expect(page.getByText('Sharing ended.')).toBeVisible();
});

test('plain functions work without the fixtures, in contexts the test creates itself', async ({
  browser,
  cobrowseEngine,
  playground,
}) => {
  const customerContext = await browser.newContext({ baseURL: playground.url });
  const agentContext = await browser.newContext();
  try {
    const customerPage = await customerContext.newPage();
    const customer = await createCustomer(customerPage, cobrowseEngine);
    await customerPage.goto('/customer.html');
    await customer.start({ pin: uniquePin('pf') });
    const pin = await customer.waitForPin();

    const agent = await createAgent(await agentContext.newPage(), cobrowseEngine);
    await agent.join(pin);
    await expect(agent.view.getByRole('heading', { name: 'Checkout' })).toBeVisible();
    expect(agent.wire.frames.length).toBeGreaterThan(0);
  } finally {
    await customerContext.close();
    await agentContext.close();
  }
});
