// Projects and stories journey: create a project, upload an xlsx, adjust a column in the
// preview, import, see the stories with their criteria, then fix the rejected row and import
// again without duplicates.
import { test, expect, hydrated, signInAsAdmin } from './fixtures';
import ExcelJS from 'exceljs';
import * as os from 'os';
import * as path from 'path';

async function workbook(file: string, rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Stories');
  ws.addRow(['Issue key', 'Summary', 'Notes', 'Acceptance Criteria', 'Story Points']);
  rows.forEach((r) => ws.addRow(r));
  await wb.xlsx.writeFile(file);
}

test('create a project, import stories from xlsx, fix the rejected row and import again', async ({ page }) => {
  const first = path.join(os.tmpdir(), `casebook-e2e-${Date.now()}-a.xlsx`);
  const second = path.join(os.tmpdir(), `casebook-e2e-${Date.now()}-b.xlsx`);
  // The first file has a row without a title (an error: not imported) and a row whose story
  // points are not a number (a warning: imported with the points left empty).
  const rows = (refund: string, points: string | number) => [
    ['SHOP-1', 'Pay by card', 'Uses the payment provider', '1. A valid card is charged once\n2. The receipt is emailed', 5],
    ['SHOP-2', refund, 'Partial refunds too', '- Full refund\n- Partial refund', 8],
    ['SHOP-3', 'Wish list', '', 'Given a signed-in shopper\nWhen they save an item\nThen it is on the wish list', points],
  ];
  await workbook(first, rows('', 'lots'));
  await workbook(second, rows('Refund an order', 3));

  await signInAsAdmin(page);
  await page.goto('/projects');
  await hydrated(page);
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name', { exact: true }).fill('Web shop');
  await dialog.getByLabel('Key', { exact: true }).fill('SHOP');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name: 'Web shop' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: /Stories/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'User stories' })).toBeVisible();
  await expect(page.getByText('No stories yet. Add one')).toBeVisible();
  await page.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import stories' })).toBeVisible();
  await hydrated(page);

  // Upload and preview: the Notes column is not recognized until mapped.
  await page.getByLabel('Spreadsheet or CSV file').setInputFiles(first);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByText('3 rows: 2 will be imported (1 with warnings), 1 have errors and will not be.')).toBeVisible();
  const notes = page.getByLabel('Notes');
  await expect(notes).toHaveValue('');
  await notes.selectOption('description');
  await expect(page.getByTestId('preview-row').nth(1)).toContainText('A title is required.');
  await expect(page.getByTestId('preview-row').nth(1)).toContainText('SHOP-2');
  await expect(page.getByTestId('preview-row').nth(2)).toContainText('Story points must be a whole number');

  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(page.getByTestId('import-status')).toHaveText('Import finished: 2 created, 0 updated, 1 rejected.');
  await expect(page.getByRole('link', { name: 'Download rejected rows (CSV)' })).toBeVisible();

  // The stories, with their criteria.
  await page.getByRole('link', { name: 'Back to the stories' }).click();
  await expect(page.getByTestId('story-row')).toHaveCount(2);
  await expect(page.getByText('Wish list')).toBeVisible();
  await page.getByRole('link', { name: 'Pay by card' }).click();
  await expect(page.getByRole('heading', { name: 'Pay by card' })).toBeVisible();
  await expect(page.getByTestId('criterion')).toHaveCount(2);
  await expect(page.getByTestId('criterion').first()).toContainText('A valid card is charged once');
  await expect(page.getByLabel('Description')).toHaveValue('Uses the payment provider');

  // Fix the rejected row and import the whole file again: no duplicates.
  await page.goto('/projects/SHOP/import');
  await hydrated(page);
  await page.getByLabel('Spreadsheet or CSV file').setInputFiles(second);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByText('3 rows: 3 will be imported (0 with warnings), 0 have errors and will not be.')).toBeVisible();
  await page.getByLabel('Notes').selectOption('description');
  await page.getByRole('button', { name: 'Import 3 rows' }).click();
  await expect(page.getByTestId('import-status')).toHaveText('Import finished: 1 created, 2 updated, 0 rejected.');
  await page.goto('/projects/SHOP/stories');
  await expect(page.getByTestId('story-row')).toHaveCount(3);
  await expect(page.getByText('Refund an order')).toBeVisible();
});
