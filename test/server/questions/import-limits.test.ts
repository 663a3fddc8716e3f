// Hostile import files over HTTP: a zip bomb is refused from the zip's directory (and one whose
// directory lies, while inflating) with 413 and a Chinese message while the server keeps
// answering; files past the row or cell limits are refused the same way; nothing is written.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { questionCsv, QUESTION_HEADER, questionRow, xlsxOfRows, zipBombXlsx } from './import-files.ts';

const MAX_ROWS = 50;
const MAX_CELLS = 200;

type Context = { app: TestApp; east: string; eastId: number };

const storedQuestions = (context: Context) => context.app.running.deps.db.question.count({ where: { organizationId: context.eastId } });
const importFile = (context: Context, name: string, content: Buffer) => context.app.call('POST', '/api/question-imports', { token: context.east, upload: { name, content } });

for (const dialect of testDialects()) {
  const test = suite<Context>(`question import limits [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes', IMPORT_MAX_ROWS: String(MAX_ROWS), IMPORT_MAX_CELLS: String(MAX_CELLS) });
    context.east = await context.app.tokenFor({ username: 'organiser-east' });
    context.eastId = (await context.app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
  });
  test.after(async (context) => { await context.app.close(); });

  test('a small workbook within the limits imports (the limits refuse only what exceeds them)', async (context) => {
    const response = await importFile(context, '题目.xlsx', xlsxOfRows([QUESTION_HEADER, questionRow(1), questionRow(2)]));
    assert.is(response.status, 200, JSON.stringify(response.body));
    assert.is(response.body.data.created, 2);
    await context.app.running.deps.db.question.deleteMany({ where: { organizationId: context.eastId } });
  });

  test('a zip bomb is refused with 413 from its directory, and /healthz sent meanwhile is answered first', async (context) => {
    const order: string[] = [];
    const bomb = importFile(context, '炸弹.xlsx', zipBombXlsx(200)).then((response) => { order.push('import'); return response; });
    // Sent while the import is under way (the upload is in flight or the worker is starting).
    await new Promise((resolve) => setTimeout(resolve, 20));
    const health = context.app.call('GET', '/healthz').then((response) => { order.push('healthz'); return response; });
    const [response, healthz] = await Promise.all([bomb, health]);
    assert.is(healthz.status, 200);
    assert.is(response.status, 413);
    assert.is(response.body.error.code, 'file_too_large');
    assert.match(response.body.error.message, /Excel 文件解压后超过上限 100 MB/);
    assert.is(response.body.error.details.limit, 'unzipped_bytes');
    assert.equal(order, ['healthz', 'import']);
    assert.is(await storedQuestions(context), 0);
  });

  test('a bomb whose directory understates its size is refused while inflating', async (context) => {
    const response = await importFile(context, '炸弹.xlsx', zipBombXlsx(200, { lie: true }));
    assert.is(response.status, 413);
    assert.is(response.body.error.details.limit, 'unzipped_bytes');
    assert.is(await storedQuestions(context), 0);
  });

  test('more rows than IMPORT_MAX_ROWS: 413 naming the limit, for xlsx and csv alike', async (context) => {
    // One cell a row in the workbook, so the row limit is reached before the cell limit.
    const rows = [QUESTION_HEADER, ...Array.from({ length: MAX_ROWS }, () => ['判断'])];
    for (const [name, content] of [['题目.xlsx', xlsxOfRows(rows)], ['题目.csv', questionCsv(MAX_ROWS)]] as const) {
      const response = await importFile(context, name, content);
      assert.is(response.status, 413, name);
      assert.is(response.body.error.code, 'file_too_large');
      assert.equal(response.body.error.details, { limit: 'rows', max: MAX_ROWS }, name);
      assert.match(response.body.error.message, new RegExp(`文件行数超过上限 ${MAX_ROWS} 行`));
    }
    assert.is(await storedQuestions(context), 0);
  });

  test('more non-empty cells than IMPORT_MAX_CELLS: 413 naming the limit', async (context) => {
    // 45 rows of 5 cells = 225 cells, under the row limit and over the cell limit.
    const rows = [QUESTION_HEADER, ...Array.from({ length: 44 }, (_, i) => questionRow(i + 1))];
    const response = await importFile(context, '题目.xlsx', xlsxOfRows(rows));
    assert.is(response.status, 413);
    assert.equal(response.body.error.details, { limit: 'cells', max: MAX_CELLS });
    assert.match(response.body.error.message, /单元格超过上限 200 个/);
    assert.is(await storedQuestions(context), 0);
  });

  test('a file that is not a zip at all is still an unreadable-file issue (422), not a limit', async (context) => {
    const response = await importFile(context, '题目.xlsx', Buffer.from('这不是 Excel 文件'));
    assert.is(response.status, 422);
    assert.equal(response.body.error.details, [{ row: 0, column: '文件', message: '无法读取该 Excel 文件，请确认是 .xlsx 格式（旧版 .xls 请先在 Excel 中另存为 .xlsx）' }]);
  });

  test.run();
}
