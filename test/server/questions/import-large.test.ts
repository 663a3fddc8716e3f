// A 100,000-row CSV over HTTP: validated whole in the import worker, then written in batches.
// One bad row anywhere means nothing is written; a clean file is stored row for row.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { questionCsv } from './import-files.ts';

const ROWS = 100_000;

type Context = { app: TestApp; east: string; eastId: number };

const storedQuestions = (context: Context) => context.app.running.deps.db.question.count({ where: { organizationId: context.eastId } });
const importCsv = (context: Context, content: Buffer) => context.app.call('POST', '/api/question-imports', { token: context.east, upload: { name: '十万题.csv', content } });

for (const dialect of testDialects()) {
  const test = suite<Context>(`question import of ${ROWS} rows [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes' });
    context.east = await context.app.tokenFor({ username: 'organiser-east' });
    context.eastId = (await context.app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
  });
  test.after(async (context) => { await context.app.close(); });

  test('one bad row at the very end: 422 with its row and column, nothing written, and /healthz answered while it was checked', async (context) => {
    const order: string[] = [];
    const rejected = importCsv(context, questionCsv(ROWS, { badRow: ROWS + 1 })).then((response) => { order.push('import'); return response; });
    // Checking 100,000 rows takes seconds; parsed on the event loop, this would wait for the 422.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const health = context.app.call('GET', '/healthz').then((response) => { order.push('healthz'); return response; });
    const [response, healthz] = await Promise.all([rejected, health]);
    assert.is(healthz.status, 200);
    assert.equal(order, ['healthz', 'import']);
    assert.is(response.status, 422);
    assert.is(response.body.error.code, 'import_invalid');
    assert.equal(response.body.error.details, [{ row: ROWS + 1, column: '法条依据', message: '《宪法》没有第999条' }]);
    assert.is(await storedQuestions(context), 0);
  });

  test(`a clean file: every one of the ${ROWS} questions stored, with its version and citation`, async (context) => {
    const response = await importCsv(context, questionCsv(ROWS));
    assert.is(response.status, 200, JSON.stringify(response.body).slice(0, 500));
    assert.equal({ ...response.body.data, owner: undefined }, {
      dryRun: false, owner: undefined, rows: ROWS, emptyRows: 0, valid: ROWS, created: ROWS, updated: 0, unchanged: 0, skipped: 0, issues: [],
    });
    const db = context.app.running.deps.db;
    assert.is(await storedQuestions(context), ROWS);
    const where = { isCurrent: true, question: { organizationId: context.eastId } };
    assert.is(await db.questionVersion.count({ where }), ROWS);
    assert.is(await db.questionCitation.count({ where: { version: where } }), ROWS);
    const last = await db.questionVersion.findFirstOrThrow({ where: { ...where, stem: `第${ROWS}题宪法规定的内容` }, select: { type: true, answer: true } });
    assert.equal(last, { type: 'judge', answer: true });
  });

  test.run();
}
