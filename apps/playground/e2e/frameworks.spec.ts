import type { Page } from '@playwright/test';
import { frameworkBuilds } from '../lib/playground-server.mjs';
import { expect, test, uniquePin } from './fixtures';

// The same BYOP scenario against every framework's customer page. The list is explicit so a
// framework whose page failed to build fails here instead of silently dropping out of the run.
const FRAMEWORKS = ['react', 'vue', 'angular'] as const;
const CARD = '4000 0566 5566 5556';

test.beforeAll(() => {
  const built = new Set(frameworkBuilds().map((f) => f.name));
  const missing = FRAMEWORKS.filter((f) => !built.has(f));
  expect(missing, 'build the playground pages: pnpm exec turbo run build').toEqual([]);
});

async function openConsoleAndJoin(agentPage: Page, pin: string) {
  await agentPage.goto('/agent.html');
  await expect(agentPage.getByRole('button', { name: 'Join' })).toBeEnabled();
  await agentPage.getByLabel('Customer PIN').fill(pin);
  await agentPage.getByRole('button', { name: 'Join' }).click();
}

for (const framework of FRAMEWORKS) {
  test.describe(`${framework} customer page`, () => {
    test('chosen PIN → agent console joins → live edits, masked card never on the wire → customer ends', async ({
      page,
      cobrowse,
    }) => {
      const customer = await cobrowse.customer(page);
      await page.goto(`/${framework}/`);
      const pin = uniquePin('fw');
      await page.getByLabel('Card number').fill(CARD);
      await page.getByLabel('PIN (optional)').fill(pin);
      await page.getByRole('button', { name: 'Get help' }).click();
      expect(await customer.waitForPin()).toBe(pin.toUpperCase());
      await expect(page.getByTestId('pin')).toHaveText(pin.toUpperCase());

      // The agent uses the playground's own console UI, not the harness's built-in one.
      const agent = await cobrowse.agent();
      await openConsoleAndJoin(agent.page, pin);
      await agent.waitForJoined();
      await expect(agent.view.getByRole('heading', { name: 'Checkout' })).toBeVisible();
      await expect(agent.view.getByLabel('Card number')).toHaveValue(/^\*+$/);
      await expect(page.getByTestId('agents')).toHaveAttribute('data-count', '1');

      await page.getByLabel('Name', { exact: true }).pressSequentially('Katherine Johnson');
      await expect(agent.view.getByLabel('Name', { exact: true })).toHaveValue('Katherine Johnson');
      await page.getByLabel('Card number').fill('');
      await page.getByLabel('Card number').pressSequentially('4111111111111111');
      await page.getByLabel('Email').fill('kj@example.com');
      await expect(agent.view.getByLabel('Email')).toHaveValue('kj@example.com');
      await expect(agent.view.getByLabel('Card number')).toHaveValue(/^\*+$/);
      for (const secret of [CARD, '4111111111111111', '41111111']) {
        customer.expectNotOnWire(secret);
        agent.wire.expectNotOnWire(secret);
      }

      await page.getByRole('button', { name: 'End session' }).click();
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'ended');
      await agent.waitForEvent('session_ended');
      await expect(agent.page.getByRole('status')).toHaveText('The session has ended.');
    });

    test('generated PIN → agent joins → the agent ends the session for both', async ({
      page,
      cobrowse,
    }) => {
      const customer = await cobrowse.customer(page);
      await page.goto(`/${framework}/`);
      await page.getByRole('button', { name: 'Get help' }).click();
      const pin = await customer.waitForPin();
      expect(pin).toMatch(/^[A-Z0-9]{1,10}$/);

      const agent = await cobrowse.agent();
      await openConsoleAndJoin(agent.page, pin);
      await agent.waitForJoined();
      await expect(agent.view.getByText(pin)).toBeVisible();

      await agent.page.getByRole('button', { name: 'End session' }).click();
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'ended');
      await expect(page.getByRole('button', { name: 'Get help' })).toBeVisible();
    });
  });
}
