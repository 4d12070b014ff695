import { expect, test, type Locator, type Page } from '@playwright/test';
import { addFromPalette, connect, createBoard, inspector, nodeByTitle } from './helpers';

/** Connects two nodes from the facing sides, wherever the board placed them. */
async function wire(page: Page, source: Locator, target: Locator): Promise<void> {
  const [a, b] = [(await source.boundingBox())!, (await target.boundingBox())!];
  const before = await page.locator('.react-flow__edge').count();
  if (Math.abs(a.x - b.x) >= Math.abs(a.y - b.y)) await connect(page, source, target, a.x < b.x ? 'right' : 'left', a.x < b.x ? 'left' : 'right');
  else await connect(page, source, target, a.y < b.y ? 'bottom' : 'top', a.y < b.y ? 'top' : 'bottom');
  await expect(page.locator('.react-flow__edge')).toHaveCount(before + 1);
}

test('a leakage flaw drawn on the board is named with its follow-up question; its fix removes it as one undo step', async ({ page }) => {
  await createBoard(page);
  // Interactions logged to a table, a trainer, and an evaluation that splits at random.
  await addFromPalette(page, 'Data source');
  await addFromPalette(page, 'Trainer');
  await addFromPalette(page, 'Evaluation');
  const [log, trainer, evaluation] = [nodeByTitle(page, 'Data source'), nodeByTitle(page, 'Trainer'), nodeByTitle(page, 'Evaluation')];
  await wire(page, log, trainer);
  await wire(page, trainer, evaluation);
  await evaluation.click();
  await inspector(page).getByLabel('Split').selectOption('random');

  await page.getByRole('tab', { name: 'Review', exact: true }).click();
  const review = page.getByRole('region', { name: 'Design review' });
  const leakage = review.locator('[data-rule="time-split"]');
  await expect(leakage).toContainText('splits Data source at random although it is ordered in time');
  await expect(leakage.locator('.review-question')).toContainText('what does that offline metric promise about next week?');

  // Choosing the finding selects the evaluation, the trainer and the data behind them.
  await leakage.locator('.review-finding').click();
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(3);

  // The one-click fix sets the split; undo brings the flaw back, redo removes it again.
  await leakage.getByRole('button', { name: 'Split by time' }).click();
  await expect(leakage).toHaveCount(0);
  await expect(evaluation.locator('.component-node-face')).toContainText('time-based');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(evaluation.locator('.component-node-face')).toContainText('random');
  await expect(review.locator('[data-rule="time-split"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(review.locator('[data-rule="time-split"]')).toHaveCount(0);
});

test('a fix that adds a node wires it in, and one undo removes node and edges together', async ({ page }) => {
  await createBoard(page);
  await addFromPalette(page, 'Client app');
  await addFromPalette(page, 'Model server');
  await wire(page, nodeByTitle(page, 'Client app'), nodeByTitle(page, 'Model server'));
  await page.getByRole('tab', { name: 'Review', exact: true }).click();
  const monitoring = page.getByRole('region', { name: 'Design review' }).locator('[data-rule="monitoring"]');
  await monitoring.getByRole('button', { name: 'Add a monitor wired to the model' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(monitoring).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  // The Framework panel files the finding under its step.
  await page.getByRole('tab', { name: 'Interview', exact: true }).click();
  const step = page.getByRole('tabpanel').locator('[data-step="monitoring"]');
  await expect(step.locator('.interview-readiness')).toHaveText(/^0\/1\d+$/);
  await step.locator('summary').click();
  await expect(step.getByRole('list', { name: 'Review findings for this step' })).toContainText('No monitor anywhere');
});
