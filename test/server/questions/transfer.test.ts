// Import and export over HTTP: multipart uploads scoped to the organiser's organisation,
// row/column errors that write nothing, clean-rows mode, idempotent re-import, template and
// exports, and the JSONL round trip through an empty database.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { shippedQuestions } from '../../../server/src/bank/seed.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

const HEADER = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '法条依据', '难度', '标签'];
const GOOD = [
  ['单选题', '东城县题：中华人民共和国的根本制度是什么？', '人民代表大会制度', '民主集中制', '民族区域自治制度', '社会主义制度', 'D', '宪法第一条第二款规定社会主义制度是根本制度。', '《中华人民共和国宪法》第一条第二款', 1, '关键少数'],
  ['判断', '东城县题：中华人民共和国的一切权力属于人民。', null, null, null, null, '对', '宪法第二条第一款的规定。', '《宪法》第二条', '易', ''],
  ['多选题', '东城县题：下列属于行政处罚种类的有？', '警告', '罚款', '记大过', '行政拘留', 'A、B、D', '行政处罚法第九条列举了行政处罚的种类。', '《行政处罚法》第九条', 2, '执法人员'],
];
const BAD_ANSWER = ['单选题', '东城县题：这道题的答案写错了？', '甲', '乙', null, null, 'E', '解析内容足够长。', '《宪法》第一条', 1, ''];
const UNKNOWN_LAW = ['判断题', '东城县题：这道题引用了不存在的法规。', null, null, null, null, '错', '解析内容足够长。', '《中华人民共和国不存在法》第一条', 1, ''];

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题目');
  for (const row of [HEADER, ...rows]) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type Context = { app: TestApp; east: string; west: string; admin: string; bureau: string; eastId: number; westId: number };

for (const dialect of testDialects()) {
  const test = suite<Context>(`question import and export [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full' });
    context.east = await context.app.tokenFor({ username: 'organiser-east' });
    context.west = await context.app.tokenFor({ username: 'organiser-west' });
    context.admin = await context.app.tokenFor({ username: 'admin' });
    context.bureau = await context.app.tokenFor({ username: 'bureau' });
    const db = context.app.running.deps.db;
    context.eastId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
    context.westId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-W' } })).id;
  });
  test.after(async ({ app }) => app.close());

  const eastCount = (app: TestApp, eastId: number) => app.running.deps.db.question.count({ where: { organizationId: eastId } });
  const upload = (app: TestApp, token: string, name: string, content: Buffer | string, query = '') =>
    app.call('POST', `/api/question-imports${query}`, { token, upload: { name, content } });

  test('a file with errors comes back as rows and columns, and writes nothing', async ({ app, east, eastId }) => {
    const response = await upload(app, east, '东城县题库.xlsx', await xlsx([...GOOD, BAD_ANSWER, [], UNKNOWN_LAW]));
    assert.is(response.status, 422);
    assert.is(response.body.error.code, 'import_invalid');
    assert.match(response.body.error.message, /未导入任何题目/);
    const details = response.body.error.details as Array<{ row: number; column: string; message: string }>;
    assert.ok(details.some((d) => d.row === 5 && d.column === '答案'), JSON.stringify(details));
    assert.ok(details.some((d) => d.row === 7 && d.column === '法条依据' && /不存在法/.test(d.message)), JSON.stringify(details));
    assert.ok(details.every((d) => d.row === 5 || d.row === 7));
    assert.is(await eastCount(app, eastId), 0);
  });

  test('a dry run reports what would happen without writing', async ({ app, east, eastId }) => {
    const response = await upload(app, east, '东城县题库.xlsx', await xlsx(GOOD), '?dryRun=true');
    assert.is(response.status, 200);
    assert.equal([response.body.data.dryRun, response.body.data.created, response.body.data.valid], [true, 3, 3]);
    assert.is(await eastCount(app, eastId), 0);
  });

  test('clean-rows imports the good rows into the organiser\'s county and lists the rest', async ({ app, east, eastId }) => {
    const response = await upload(app, east, '东城县题库.xlsx', await xlsx([...GOOD, BAD_ANSWER, [], UNKNOWN_LAW]), '?mode=clean-rows');
    assert.is(response.status, 200);
    const result = response.body.data;
    assert.equal([result.created, result.skipped, result.emptyRows], [3, 2, 1]);
    assert.equal(result.owner, { kind: 'organization', organizationId: eastId });
    assert.equal([...new Set(result.issues.map((i: { row: number }) => i.row))], [5, 7]);
    assert.is(await eastCount(app, eastId), 3);
  });

  test('re-importing the same file creates nothing; a changed answer becomes a new version', async ({ app, east, eastId }) => {
    const again = await upload(app, east, '东城县题库.xlsx', await xlsx(GOOD));
    assert.equal([again.body.data.created, again.body.data.updated, again.body.data.unchanged], [0, 0, 3]);
    const changed = GOOD.map((row) => [...row]);
    changed[2]![6] = 'ABCD';
    const edited = await upload(app, east, '东城县题库.xlsx', await xlsx(changed));
    assert.equal([edited.body.data.created, edited.body.data.updated, edited.body.data.unchanged], [0, 1, 2]);
    assert.is(await eastCount(app, eastId), 3);
    assert.is(await app.running.deps.db.questionVersion.count({ where: { question: { organizationId: eastId } } }), 4);
  });

  test('a GBK-encoded CSV from Chinese Excel imports like the spreadsheet', async ({ app, east }) => {
    const csv = [HEADER, ...GOOD].map((row) => row.map((cell) => `"${String(cell ?? '').replace(/"/g, '""')}"`).join(',')).join('\r\n');
    const response = await upload(app, east, '题库.csv', iconv.encode(csv, 'gbk'));
    assert.is(response.status, 200);
    assert.equal([response.body.data.created, response.body.data.unchanged, response.body.data.updated], [0, 2, 1]);
  });

  test('imports stay inside the organiser\'s scope; the bureau cannot import', async ({ app, east, bureau, westId }) => {
    const foreign = await upload(app, east, 'x.xlsx', await xlsx(GOOD), `?organizationId=${westId}`);
    assert.is(foreign.status, 404);
    assert.is((await upload(app, bureau, 'x.xlsx', await xlsx(GOOD))).status, 403);
    const notMultipart = await app.call('POST', '/api/question-imports', { token: east, body: { file: 'x' } });
    assert.is(notMultipart.status, 400);
    assert.match(notMultipart.body.error.message, /multipart/);
    const huge = await upload(app, east, '题库.jsonl', Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
    assert.is(huge.status, 413);
    assert.is(huge.body.error.code, 'file_too_large');
    const wrongType = await upload(app, east, '题库.docx', Buffer.from('PK'));
    assert.is(wrongType.status, 422);
    assert.match(wrongType.body.error.details[0].message, /不支持的文件类型/);
  });

  test('the template downloads as an xlsx with the organisers\' columns', async ({ app, east }) => {
    const response = await app.call('GET', '/api/question-imports/template', { token: east, binary: true });
    assert.is(response.status, 200);
    assert.match(response.headers.get('content-disposition')!, /filename\*=UTF-8''/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const header = (workbook.getWorksheet('题目')!.getRow(1).values as unknown[]).filter(Boolean);
    for (const column of ['题型', '题干', '选项A', '选项H', '答案', '解析', '法条依据', '难度', '标签']) assert.ok(header.includes(column), column);
  });

  test('exports a selection to xlsx and JSONL, within the reviewer\'s scope', async ({ app, east, west }) => {
    const jsonl = await app.call('GET', '/api/question-exports?format=jsonl&owner=organization', { token: east, binary: true });
    assert.is(jsonl.status, 200);
    const lines = jsonl.body.toString('utf8').trim().split('\n').map((l: string) => JSON.parse(l));
    assert.is(lines.length, 3);
    assert.ok(lines.every((q: { stem: string }) => q.stem.startsWith('东城县题')));
    const westView = await app.call('GET', '/api/question-exports?format=jsonl&owner=organization', { token: west, binary: true });
    assert.is(westView.body.length, 0);
    const sheet = await app.call('GET', `/api/question-exports?format=xlsx&statute=xianfa&type=judge`, { token: east, binary: true });
    assert.is(sheet.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sheet.body);
    const rows = workbook.getWorksheet('题目')!.actualRowCount - 1;
    const expected = shippedQuestions().filter((q) => q.type === 'judge' && q.citations.some((c) => c.law === 'xianfa')).length + 1;
    assert.is(rows, expected, 'national 宪法 judge questions plus the county\'s own');
  });

  test('JSONL round trip: export → import into an empty database → export gives the same bytes', async ({ app, admin }) => {
    const first = await app.call('GET', '/api/question-exports?format=jsonl&owner=national', { token: admin, binary: true });
    assert.is(first.status, 200);
    assert.is(first.body.toString('utf8').trim().split('\n').length, shippedQuestions().length);
    const empty = await startTestApp(dialect, { LOAD_BANK: 'statutes' });
    try {
      const emptyAdmin = await empty.tokenFor({ username: 'admin' });
      assert.is(await empty.running.deps.db.question.count(), 0);
      const imported = await empty.call('POST', '/api/question-imports', { token: emptyAdmin, upload: { name: 'bank.jsonl', content: first.body } });
      assert.is(imported.status, 200, JSON.stringify(imported.body).slice(0, 300));
      assert.is(imported.body.data.created, shippedQuestions().length);
      const second = await empty.call('GET', '/api/question-exports?format=jsonl&owner=national', { token: emptyAdmin, binary: true });
      assert.ok(Buffer.compare(first.body, second.body) === 0, 'identical JSONL');
    } finally {
      await empty.close();
    }
  });

  test.run();
}
