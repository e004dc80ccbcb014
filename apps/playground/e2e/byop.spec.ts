import { join } from 'node:path';
import { expect, openCustomerPage, requestHelp, test, uniquePin } from './fixtures';

const CARD = '4242 4242 4242 4242';

test('a lowercase BYOP PIN comes back uppercased in pincode_updated, and the agent sees the live page', async ({
  page,
  cobrowse,
}) => {
  const customer = await openCustomerPage(cobrowse, page);
  const pin = uniquePin('ab');
  await requestHelp(page, pin);

  expect(await customer.waitForPin()).toBe(pin.toUpperCase());
  await expect(page.locator('#pin-display')).toHaveText(pin.toUpperCase());

  const agent = await cobrowse.agent();
  await agent.join(pin.toUpperCase());
  await expect(agent.view.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await customer.waitForAgent();
  await expect(page.getByText('An agent is viewing this page.')).toBeVisible();

  // What the customer types shows up in the agent's view as it is typed: the input's value and
  // the page's own text that reacts to it.
  await page.getByLabel('Full name').pressSequentially('Ada Lovelace');
  await expect(agent.view.getByLabel('Full name')).toHaveValue('Ada Lovelace');
  await expect(agent.view.getByText('Ship to: Ada Lovelace')).toBeVisible();
  await page.getByLabel('Email').pressSequentially('ada@example.com');
  await expect(agent.view.getByLabel('Email')).toHaveValue('ada@example.com');

  // Kept at a fixed place (test-results/agent-view.png) so a person can look at what the agent saw.
  await agent.screenshot({ path: join(test.info().project.outputDir, 'agent-view.png') });
});

test('the masked card number never crosses the wire and never shows in the agent view', async ({
  page,
  cobrowse,
}) => {
  const customer = await openCustomerPage(cobrowse, page);
  // Typed before the session exists: the first full snapshot must already mask it.
  await page.getByLabel('Card number').fill(CARD);
  await requestHelp(page);
  const pin = await customer.waitForPin();
  expect(pin).toMatch(/^[A-Z0-9]{1,10}$/);

  const agent = await cobrowse.agent();
  await agent.join(pin);
  await expect(agent.view.getByRole('heading', { name: 'Checkout' })).toBeVisible();

  // Typed while the agent watches, then committed (Tab fires change): incremental input events
  // must be masked too.
  await page.getByLabel('Card number').fill('');
  await page.getByLabel('Card number').pressSequentially('5555444433331111');
  await page.getByLabel('Card number').press('Tab');
  await page.getByLabel('Full name').fill('Grace Hopper');
  await page.getByLabel('Full name').press('Tab');
  // The unmasked field arriving proves the later events were sent before we look at the wire.
  await expect(agent.view.getByLabel('Full name')).toHaveValue('Grace Hopper');

  const card = agent.view.getByLabel('Card number');
  await expect(card).toHaveValue(/^\*+$/);
  await expect(agent.view.locator('body')).not.toContainText(CARD);
  for (const secret of [CARD, '5555444433331111', '55554444']) {
    customer.expectNotOnWire(secret);
    agent.wire.expectNotOnWire(secret);
  }
});

test('two live sessions cannot share a PIN: the second start gets the conflict error', async ({
  page,
  cobrowse,
}) => {
  const pin = uniquePin('dup');
  const first = await openCustomerPage(cobrowse, page);
  await requestHelp(page, pin);
  expect(await first.waitForPin()).toBe(pin.toUpperCase());

  const otherPage = await cobrowse.newPage();
  const second = await openCustomerPage(cobrowse, otherPage);
  await requestHelp(otherPage, pin.toUpperCase());
  const error = await second.waitForError();
  expect(error.errorCode).toBe(1010);
  await expect(otherPage.getByText('That PIN is already in use.')).toBeVisible();
  // The first session is untouched.
  expect(await first.status()).toBe('session_started');
});

test('a custom PIN with a token lacking enable_byop is refused with session_error', async ({
  page,
  cobrowse,
}) => {
  // The page's backend is replaced by the harness, handing out a customer token without BYOP.
  await cobrowse.routeTokenEndpoint(page, { url: '**/api/token', byop: false });
  const customer = await openCustomerPage(cobrowse, page);
  await requestHelp(page, uniquePin('nb'));
  const error = await customer.waitForError();
  expect(error.errorCode).toBe(1001);
  expect(error.errorMsg).toContain('enable_byop');
  await expect(page.locator('#status')).toHaveAttribute('data-tone', 'bad');
});

test('the same token without a custom PIN starts fine with a generated PIN', async ({
  page,
  cobrowse,
}) => {
  await cobrowse.routeTokenEndpoint(page, { url: '**/api/token', byop: false });
  const customer = await openCustomerPage(cobrowse, page);
  await requestHelp(page);
  expect(await customer.waitForPin()).toMatch(/^[A-Z0-9]+$/);
});

test('a masked image reaches the agent as a same-size placeholder: its URL and alt never leave the page', async ({
  page,
  cobrowse,
}) => {
  // The framework pages mask `.cobrowse-mask` (maskCssSelectors); media inside it are blocked.
  const customer = await cobrowse.customer(page);
  await page.goto('/react/');
  await page.getByRole('button', { name: 'Get help' }).click();
  const pin = await customer.waitForPin();
  const agent = await cobrowse.agent();
  await agent.join(pin);
  await expect(agent.view.getByRole('heading', { name: 'Checkout' })).toBeVisible();

  // Added while the agent watches, so the incremental (mutation) path is the one under test.
  await page.evaluate(() => {
    const svg = (text: string) =>
      `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><text y="40">${text}</text></svg>`)}`;
    const figure = document.createElement('figure');
    figure.className = 'cobrowse-mask';
    figure.innerHTML = `<img id="id-scan" width="120" height="80" alt="ID card of Ada Lovelace" src="${svg('secret-id-4711')}">`;
    const logo = document.createElement('img');
    logo.alt = 'Shop logo';
    logo.width = 40;
    logo.height = 40;
    logo.src = svg('public-logo');
    document.querySelector('h1')?.after(logo, figure);
  });

  await expect(agent.view.getByAltText('Shop logo')).toBeVisible();
  const placeholder = agent.view.locator('figure.cobrowse-mask img');
  await expect(placeholder).toHaveCount(1);
  await expect(placeholder).not.toHaveAttribute('src', /.+/);
  await expect(placeholder).not.toHaveAttribute('alt', /.+/);
  // rrweb's placeholder keeps the element's size, so the agent's layout matches the customer's.
  await expect(placeholder).toHaveCSS('width', '120px');
  await expect(placeholder).toHaveCSS('height', '80px');
  await agent.screenshot({
    path: join(test.info().project.outputDir, 'agent-view-masked-media.png'),
  });
  for (const secret of ['secret-id-4711', 'ID card of Ada Lovelace']) {
    customer.expectNotOnWire(secret);
    agent.wire.expectNotOnWire(secret);
  }
});
