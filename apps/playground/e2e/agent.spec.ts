import { join } from 'node:path';
import { type CobrowseHarness, isHarnessError } from '@cobrowse-kit/test-harness';
import type { Page } from '@playwright/test';
import { expect, mirrorFrame, openCustomerPage, requestHelp, test, uniquePin } from './fixtures';

test('joining with an unknown PIN fails with PIN-not-found, in the harness and in the console UI', async ({
  cobrowse,
}) => {
  const agent = await cobrowse.agent();
  const error = await agent.join('NOPE42').catch((e: unknown) => e);
  expect(isHarnessError(error, 'JOIN_FAILED')).toBe(true);
  expect((error as { details?: { errorCode?: number } }).details?.errorCode).toBe(1006);

  const consolePage = await cobrowse.newPage();
  await cobrowse.agent(consolePage);
  await consolePage.goto('/agent.html');
  await consolePage.getByLabel('Customer PIN').fill('NOPE43');
  await consolePage.getByRole('button', { name: 'Join' }).click();
  await expect(consolePage.getByText('No live session has this PIN.')).toBeVisible();
});

test('a customer reload resumes the same session and the agent view converges to the new page', async ({
  page,
  cobrowse,
}) => {
  const customer = await openCustomerPage(cobrowse, page);
  const pin = uniquePin('rl').toUpperCase();
  await requestHelp(page, pin);
  expect(await customer.waitForPin()).toBe(pin);

  const agent = await cobrowse.agent();
  await agent.join(pin);
  await page.getByLabel('Full name').fill('Before Reload');
  await expect(agent.view.getByText('Ship to: Before Reload')).toBeVisible();

  await page.reload();
  // The reloaded page finds the session recoverable; the page calls join() itself, and the
  // same PIN comes back.
  expect(await customer.initialStatus()).toBe('session_recoverable');
  expect(await customer.waitForPin()).toBe(pin);
  await expect(page.locator('#pin-display')).toHaveText(pin);
  expect(await customer.status()).toBe('session_started');

  // The agent's view shows the new document (the form is empty again), then follows it.
  await expect(agent.view.getByText('Ship to: —')).toBeVisible();
  await page.getByLabel('Full name').fill('After Reload');
  await expect(agent.view.getByText('Ship to: After Reload')).toBeVisible();
  await expect(agent.view.getByLabel('Full name')).toHaveValue('After Reload');
});

test('a second agent joining late sees the current page, and both follow it', async ({
  page,
  cobrowse,
}) => {
  const customer = await openCustomerPage(cobrowse, page);
  await requestHelp(page);
  const pin = await customer.waitForPin();

  const first = await cobrowse.agent();
  await first.join(pin);
  await page.getByLabel('Full name').fill('Katherine Johnson');
  await page.getByLabel('Email').fill('kj@example.com');
  await expect(first.view.getByText('Ship to: Katherine Johnson')).toBeVisible();

  // The second agent uses the playground's own console page, driven through its UI.
  const consolePage = await cobrowse.newPage();
  const second = await cobrowse.agent(consolePage);
  await consolePage.goto('/agent.html');
  await consolePage.getByLabel('Customer PIN').fill(pin);
  await consolePage.getByRole('button', { name: 'Join' }).click();
  await second.waitForJoined();
  await expect(second.view.getByText('Ship to: Katherine Johnson')).toBeVisible();
  await expect(second.view.getByLabel('Email')).toHaveValue('kj@example.com');
  await expect(page.locator('#agents li')).toHaveCount(2);

  await page.getByLabel('Full name').fill('Dorothy Vaughan');
  await expect(first.view.getByText('Ship to: Dorothy Vaughan')).toBeVisible();
  await expect(second.view.getByText('Ship to: Dorothy Vaughan')).toBeVisible();
  await expect(consolePage.locator('#status')).toContainText('Viewing');
  await consolePage.screenshot({ path: join(test.info().project.outputDir, 'agent-console.png') });
});

/** A live session with a name typed, and the playground's agent console open with its PIN filled in. */
async function sessionWithConsole(page: Page, cobrowse: CobrowseHarness) {
  const customer = await openCustomerPage(cobrowse, page);
  await requestHelp(page);
  const pin = await customer.waitForPin();
  await page.getByLabel('Full name').fill('Mary Jackson');
  const consolePage = await cobrowse.newPage();
  await cobrowse.agent(consolePage);
  await consolePage.goto('/agent.html');
  await consolePage.getByLabel('Customer PIN').fill(pin);
  return consolePage;
}

test('agentViewerUrl works in an iframe', async ({ page, cobrowse }) => {
  const consolePage = await sessionWithConsole(page, cobrowse);
  await consolePage.getByRole('button', { name: 'Embed viewer' }).click();
  const embedded = mirrorFrame(consolePage.frameLocator('#viewer-frame'));
  await expect(embedded.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await expect(embedded.getByText('Ship to: Mary Jackson')).toBeVisible();
  // Live, not a snapshot.
  await page.getByLabel('Full name').fill('Mary W. Jackson');
  await expect(embedded.getByText('Ship to: Mary W. Jackson')).toBeVisible();
});

test('agentViewerUrl works in a popup', async ({ page, cobrowse }) => {
  const consolePage = await sessionWithConsole(page, cobrowse);
  const popupPromise = consolePage.waitForEvent('popup');
  await consolePage.getByRole('button', { name: 'Open in popup' }).click();
  const popup = await popupPromise;
  await popup.waitForURL(/\/cobrowse\/viewer\?/);
  const inPopup = mirrorFrame(popup);
  await expect(inPopup.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await expect(inPopup.getByText('Ship to: Mary Jackson')).toBeVisible();
  await page.getByLabel('Full name').fill('Mary W. Jackson');
  await expect(inPopup.getByText('Ship to: Mary W. Jackson')).toBeVisible();
});

test('an embedded viewer keeps its session when the agent also opens a popup viewer', async ({
  page,
  cobrowse,
}) => {
  // Chromium copies sessionStorage into a window opened with window.open(): the popup viewer must
  // join with the ticket in its URL, not resume the embedded viewer's record (which would make the
  // relay replace the iframe's connection).
  const consolePage = await sessionWithConsole(page, cobrowse);
  await consolePage.getByRole('button', { name: 'Embed viewer' }).click();
  const embedded = mirrorFrame(consolePage.frameLocator('#viewer-frame'));
  await expect(embedded.getByText('Ship to: Mary Jackson')).toBeVisible();
  const popupPromise = consolePage.waitForEvent('popup');
  await consolePage.getByRole('button', { name: 'Open in popup' }).click();
  const inPopup = mirrorFrame(await popupPromise);
  await expect(inPopup.getByText('Ship to: Mary Jackson')).toBeVisible();

  await page.getByLabel('Full name').fill('Mary W. Jackson');
  await expect(inPopup.getByText('Ship to: Mary W. Jackson')).toBeVisible();
  await expect(embedded.getByText('Ship to: Mary W. Jackson')).toBeVisible({ timeout: 3_000 });
});

test("an integrator page with Zoom's CDN host runs unchanged: the harness routes the SDK to the engine", async ({
  page,
  cobrowse,
}) => {
  // Point the page's snippet at https://us01-zcb.zoom.us exactly as Zoom's guide has it.
  await page.route('**/config.js', async (route) => {
    const body = await (await route.fetch()).text();
    await route.fulfill({
      contentType: 'text/javascript',
      body: body.replace(/"cdnBaseUrl":"[^"]*"/, '"cdnBaseUrl":"https://us01-zcb.zoom.us"'),
    });
  });
  const sdkRequest = page.waitForRequest(
    /^https:\/\/us01-zcb\.zoom\.us\/static\/resource\/sdk\/.+\/js\/2\.5\.x$/,
  );
  const customer = await openCustomerPage(cobrowse, page);
  await sdkRequest;
  const pin = uniquePin('zc');
  await requestHelp(page, pin);
  expect(await customer.waitForPin()).toBe(pin.toUpperCase());
  const agent = await cobrowse.agent();
  await agent.join(pin.toUpperCase());
  await expect(agent.view.getByRole('heading', { name: 'Checkout' })).toBeVisible();
});
