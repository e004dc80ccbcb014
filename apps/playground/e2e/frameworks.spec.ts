import { frameworkBuilds } from '../lib/playground-server.mjs';
import { expect, test } from './fixtures';

// The framework pages (React, Vue, Angular…) that are built, served at /<name>/. Each must load
// the SDK through its bindings and be co-browsable; their own UI is tested by their packages.
for (const { name } of frameworkBuilds()) {
  test(`${name} page: the SDK loads through the bindings and an agent sees the page`, async ({
    page,
    cobrowse,
  }) => {
    const customer = await cobrowse.customer(page);
    await page.goto(`/${name}/`);
    await page.getByRole('button', { name: 'Get help' }).click();
    const pin = await customer.waitForPin();
    const agent = await cobrowse.agent();
    await agent.join(pin);
    await expect(agent.view.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(agent.view.getByText(pin)).toBeVisible();
  });
}
