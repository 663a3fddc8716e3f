import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadQuestionLines, loadStatutes } from '../../server/src/bank/files.ts';
import type { Question } from '../../server/src/bank/question-format.ts';
import { chineseNumeral } from '../../server/src/bank/statute-parser.ts';
import { toChineseNumeral } from '../../server/src/bank/sheet/numerals.ts';
import { readQuestionFile } from '../../server/src/bank/sheet/read.ts';
import { TEMPLATE_EXAMPLES } from '../../server/src/bank/sheet/template.ts';
import { statuteLookupFrom, type QuestionFileResult } from '../../server/src/bank/sheet/types.ts';
import { writeQuestionsXlsx, writeTemplateXlsx } from '../../server/src/bank/sheet/write.ts';

const statutes = statuteLookupFrom([...loadStatutes()].map(([slug, statute]) => ({
  slug, title: statute.title, articleNumbers: statute.articles.map((a) => a.number),
})));

const HEADER = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '法条依据', '难度', '标签'];
type Cells = Record<string, ExcelJS.CellValue>;
const line = (cells: Cells, header = HEADER): ExcelJS.CellValue[] => header.map((column) => cells[column] ?? null);

// Rows that pass every check, reused by the suites that then break one cell.
const SINGLE: Cells = {
  题型: '单选题', 题干: '中华人民共和国的根本制度是什么？', 选项A: '人民代表大会制度', 选项B: '民主集中制', 选项C: '民族区域自治制度', 选项D: '社会主义制度',
  答案: 'D', 解析: '宪法第一条第二款规定社会主义制度是根本制度。', 法条依据: '《中华人民共和国宪法》第一条第二款',
};
const MULTIPLE: Cells = {
  题型: '多选题', 题干: '下列属于行政处罚种类的有？', 选项A: '警告', 选项B: '罚款', 选项C: '记大过', 选项D: '行政拘留',
  答案: 'ABD', 解析: '行政处罚法第九条列举了处罚种类。', 法条依据: '《行政处罚法》第九条',
};
const JUDGE: Cells = { 题型: '判断题', 题干: '中华人民共和国的一切权力属于人民。', 答案: '对', 解析: '宪法第二条第一款的规定。', 法条依据: '《宪法》第二条' };
const FILL: Cells = { 题型: '填空题', 题干: '全国人民代表大会和全国人民代表大会常务委员会行使国家（  ）权。', 答案: '立法', 解析: '宪法第五十八条的规定。', 法条依据: '《宪法》第五十八条' };

async function xlsxOf(rows: ExcelJS.CellValue[][], shape?: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题目');
  for (const row of rows) sheet.addRow(row);
  shape?.(sheet, workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const read = (name: string, buffer: Buffer) => readQuestionFile({ name, buffer }, statutes);
const readXlsxRows = async (rows: ExcelJS.CellValue[][], shape?: Parameters<typeof xlsxOf>[1]) => read('题库.xlsx', await xlsxOf(rows, shape));
/** Independent of the module: the documented recipe for ids of rows without 编号. */
const expectedId = (type: string, stem: string) => `q-${createHash('sha256').update(`${type}\n${stem.trim().replace(/\s+/g, ' ')}`).digest('hex').slice(0, 16)}`;
const rowsOf = (result: QuestionFileResult) => result.questions.map((q) => q.row);
const issuesAt = (result: QuestionFileResult, row: number) => result.issues.filter((issue) => issue.row === row);

// ---
const numerals = suite('toChineseNumeral');
numerals('writes the official article style and is the inverse of chineseNumeral over 1..999', () => {
  assert.equal([1, 10, 12, 20, 33, 100, 103, 110, 115, 143, 999].map(toChineseNumeral),
    ['一', '十', '十二', '二十', '三十三', '一百', '一百零三', '一百一十', '一百一十五', '一百四十三', '九百九十九']);
  for (let n = 1; n <= 999; n++) assert.is(chineseNumeral(toChineseNumeral(n)), n);
});
numerals('refuses numbers outside 1..999', () => {
  assert.throws(() => toChineseNumeral(0), /1–999/);
  assert.throws(() => toChineseNumeral(1000), /1–999/);
});
numerals.run();

// ---
const lookup = suite('statuteLookupFrom');
lookup('accepts the full title, the title without 中华人民共和国, each with or without 《》', () => {
  for (const title of ['中华人民共和国行政处罚法', '行政处罚法', '《行政处罚法》', '《中华人民共和国行政处罚法》']) assert.is(statutes.slugForTitle(title), 'xingzheng-chufa-fa', title);
  assert.is(statutes.slugForTitle('优化营商环境条例'), 'youhua-yingshang-huanjing-tiaoli');
  assert.is(statutes.slugForTitle('刑法'), null);
  assert.is(statutes.titleOf('xianfa'), '中华人民共和国宪法');
  assert.ok(statutes.hasArticle('xianfa', 143));
  assert.not.ok(statutes.hasArticle('xianfa', 144));
});
lookup.run();

// ---
const goodXlsx = suite('readQuestionFile: a good xlsx');
const VARIANT_HEADER = ['试题编号', '类型', '试题内容', 'A', 'B选项', '选项 C', '选项（D）', '正确答案', '答案解析', '法律依据', '难易程度', '知识点', '备注'];
const variantRows: ExcelJS.CellValue[][] = [
  VARIANT_HEADER,
  ['', '单选', { richText: [{ text: '中华人民共和国的' }, { text: '根本制度', font: { bold: true } }, { text: '是什么？' }] }, '人民代表大会制度', '民主集中制', '民族区域自治制度', '社会主义制度', '（D）', '宪法第一条第二款。', '《中华人民共和国宪法》第一条第二款', '易', '宪法、总纲', '出题人：张三'],
  ['xf-2', '单项选择题', '人民行使国家权力的机关是什么？', '国务院', '全国人民代表大会和地方各级人民代表大会', null, null, 'b.', '宪法第二条第二款。', '宪法第2条第2款', 3, null, null],
  ['', '多选', '下列属于行政处罚种类的有？', '警告', '罚款', '记大过', '行政拘留', 'D、A，B', '行政处罚法第九条。', '《行政处罚法》第九条', '中等', '处罚 种类', null],
  ['', '不定项选择题', '下列属于宪法规定的内容有？', '根本制度', '一切权力属于人民', '刑罚种类', null, { formula: '"A C"', result: 'A C' }, { text: '宪法第一条、第二条。', hyperlink: 'https://example.org' }, '《宪法》第一条、第二条', '困难', null, null],
  ['', '判断', '中华人民共和国的一切权力属于人民。', null, null, null, null, '√', '宪法第二条第一款。', '《宪法》第二条第一款', 1, null, null],
  ['', '判断题', '国务院行使国家立法权。', null, null, null, null, '错误', '宪法第五十八条。', '《宪法》第五十八条', '', null, null],
  ['', 'judge', '违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。', null, null, null, null, true, '行政处罚法第三十三条。', '《中华人民共和国行政处罚法》第33条', null, null, null],
  ['', '填空', '人民行使国家权力的机关是（）和地方各级人民代表大会，一切权力属于（  ）。', null, null, null, null, '全国人民代表大会/全国人大｜人民', '宪法第二条。', '《宪法》第二条第二款；《宪法》第二条第一款', null, null, null],
];
goodXlsx('reads every type through header variants and answer notations', async () => {
  const result = await readXlsxRows(variantRows);
  assert.equal(result.issues, []);
  assert.equal(rowsOf(result), [2, 3, 4, 5, 6, 7, 8, 9]);
  const [single, single2, multiple, multiple2, judgeTrue, judgeFalse, judgeBool, fill] = result.questions.map((q) => q.question);
  assert.equal(single, {
    id: expectedId('single', '中华人民共和国的根本制度是什么？'), type: 'single', stem: '中华人民共和国的根本制度是什么？',
    options: [{ key: 'A', text: '人民代表大会制度' }, { key: 'B', text: '民主集中制' }, { key: 'C', text: '民族区域自治制度' }, { key: 'D', text: '社会主义制度' }],
    answer: 'D', explanation: '宪法第一条第二款。', citations: [{ law: 'xianfa', article: 1, paragraph: 2 }], difficulty: 1, tags: ['宪法', '总纲'],
  });
  assert.is(single2!.id, 'xf-2');
  assert.is(single2!.answer, 'B');
  assert.equal(single2!.citations, [{ law: 'xianfa', article: 2, paragraph: 2 }]);
  assert.is(single2!.difficulty, 3);
  assert.equal([multiple!.answer, multiple!.difficulty, multiple!.tags], [['A', 'B', 'D'], 2, ['处罚', '种类']]);
  assert.equal(multiple!.citations, [{ law: 'xingzheng-chufa-fa', article: 9 }]);
  assert.equal([multiple2!.type, multiple2!.answer, multiple2!.explanation], ['multiple', ['A', 'C'], '宪法第一条、第二条。']);
  assert.equal(multiple2!.citations, [{ law: 'xianfa', article: 1 }, { law: 'xianfa', article: 2 }]);
  assert.equal([judgeTrue!.answer, judgeFalse!.answer, judgeBool!.answer], [true, false, true]);
  assert.is(judgeFalse!.difficulty, 2);
  assert.equal(judgeBool!.citations, [{ law: 'xingzheng-chufa-fa', article: 33 }]);
  assert.is(fill!.stem, '人民行使国家权力的机关是（  ）和地方各级人民代表大会，一切权力属于（  ）。');
  assert.equal(fill!.answer, [['全国人民代表大会', '全国人大'], ['人民']]);
  assert.is(fill!.id, expectedId('fill', fill!.stem));
  assert.equal(fill!.citations, [{ law: 'xianfa', article: 2, paragraph: 2 }, { law: 'xianfa', article: 2, paragraph: 1 }]);
  assert.not.ok('options' in fill! || 'options' in judgeTrue!);
});
goodXlsx('gives the same ids when the same file is imported again', async () => {
  const ids = async () => (await readXlsxRows(variantRows)).questions.map((q) => q.question.id);
  assert.equal(await ids(), await ids());
});
goodXlsx('prefers a sheet named 题目 and finds the header below a title row', async () => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('封面').addRow(['2024 年学法考试题库']);
  const sheet = workbook.addWorksheet('题目');
  sheet.addRow(['2024 年学法考试题库（第一批）']);
  sheet.addRow(HEADER);
  sheet.addRow(line(JUDGE));
  const result = await read('a.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
  assert.equal(result.issues, []);
  assert.equal(rowsOf(result), [3]);
});
goodXlsx.run();

// ---
const roundTrip = suite('writeQuestionsXlsx');
const bank = loadQuestionLines().map((l) => l.value as Question);
const sample = (['single', 'multiple', 'judge', 'fill'] as const).flatMap((type) => bank.filter((q) => q.type === type).slice(0, 10));
roundTrip('writes questions that read back exactly, id and version included', async () => {
  const questions = sample.map((q, i) => (i % 7 === 0 ? { ...q, version: 3 } : q));
  assert.is(questions.length, 40);
  assert.ok(questions.some((q) => q.citations.some((c) => c.paragraph)) && questions.some((q) => q.version === 3));
  const result = await read('导出.xlsx', await writeQuestionsXlsx(questions, statutes));
  assert.equal(result.issues, []);
  assert.equal(result.questions.map((q) => q.question), questions);
  assert.equal(rowsOf(result), questions.map((_, i) => i + 2));
});
roundTrip('lays the sheet out for people: header, notations, statute titles in Chinese numerals', async () => {
  const fill = sample.find((q) => q.type === 'fill' && (q.answer as string[][]).some((a) => a.length > 1)) ?? sample.find((q) => q.type === 'fill')!;
  const judge = sample.find((q) => q.type === 'judge')!;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await writeQuestionsXlsx([judge, fill], statutes)).buffer);
  const sheet = workbook.getWorksheet('题目')!;
  assert.equal((sheet.getRow(1).values as unknown[]).slice(1), ['编号', '题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '选项G', '选项H', '答案', '解析', '法条依据', '难度', '标签', '版本']);
  assert.ok(sheet.getRow(1).font?.bold);
  assert.is(sheet.views[0]?.state, 'frozen');
  assert.ok(sheet.getColumn(3).alignment?.wrapText);
  assert.is(sheet.getCell('B2').value, '判断题');
  assert.is(sheet.getCell('L2').value, judge.answer ? '对' : '错');
  assert.is(sheet.getCell('L3').value, (fill.answer as string[][]).map((a) => a.join('/')).join('|'));
  const citation = judge.citations[0]!;
  assert.ok(String(sheet.getCell('N2').value).startsWith(`《${statutes.titleOf(citation.law)}》第${toChineseNumeral(citation.article)}条`));
});
roundTrip.run();

// ---
const template = suite('writeTemplateXlsx');
template('reads back as no questions', async () => {
  const result = await read('模板.xlsx', await writeTemplateXlsx());
  assert.equal(result, { questions: [], issues: [{ row: 0, column: '文件', message: '文件中没有题目' }], emptyRows: 0 });
});
template('has drop-downs for 题型 and 难度 over rows 2–1000 and examples only on 填写说明', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await writeTemplateXlsx()).buffer);
  assert.equal(workbook.worksheets.map((s) => s.name), ['题目', '填写说明']);
  const sheet = workbook.getWorksheet('题目')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  assert.equal(header, ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '选项G', '选项H', '答案', '解析', '法条依据', '难度', '标签']);
  assert.is(sheet.actualRowCount, 1);
  const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
  const difficulty = sheet.getColumn(header.indexOf('难度') + 1).letter;
  for (const address of ['A2', 'A1000']) assert.equal(validations[address]?.formulae, ['"单选题,多选题,判断题,填空题"'], address);
  for (const address of [`${difficulty}2`, `${difficulty}1000`]) assert.equal(validations[`${address}`]?.formulae, ['"1,2,3"'], address);
  assert.is(validations['A1'], undefined);
  assert.is(validations['A1001'], undefined);
  const notes = workbook.getWorksheet('填写说明')!;
  const noteText = notes.getSheetValues().flat().filter((v) => typeof v === 'string').join('\n');
  for (const example of TEMPLATE_EXAMPLES) assert.ok(noteText.includes(example.题干!), example.题干);
  for (const word of ['单选题', '多选题', '判断题', '填空题', '法条依据', '|']) assert.ok(noteText.includes(word), word);
});
template('its examples, typed on the 题目 sheet, import as one question of each type', async () => {
  const header = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '法条依据', '难度', '标签'];
  const result = await readXlsxRows([header, ...TEMPLATE_EXAMPLES.map((example) => line(example, header))]);
  assert.equal(result.issues, []);
  assert.equal(result.questions.map((q) => q.question.type), ['single', 'multiple', 'judge', 'fill']);
});
template.run();

// ---
const header = suite('readQuestionFile: header problems');
header('reports each missing required column on the header row, then stops', async () => {
  const result = await readXlsxRows([['题型', '题干', '选项A', '选项B', '备注'], ['单选', '短', '', '', ''], ['奇怪', '', '', '', '']]);
  assert.equal(result, {
    questions: [], emptyRows: 0,
    issues: [
      { row: 1, column: '答案', message: '缺少“答案”列' },
      { row: 1, column: '解析', message: '缺少“解析”列' },
      { row: 1, column: '法条依据', message: '缺少“法条依据”列' },
    ],
  });
});
header('says so when no row looks like a header', async () => {
  const result = await readXlsxRows([['第一题', '你好'], ['第二题', '再见']]);
  assert.equal(result.issues.length, 1);
  assert.equal([result.issues[0]!.row, result.issues[0]!.column], [1, '表头']);
  assert.match(result.issues[0]!.message, '无法识别表头');
});
header('rejects two columns that mean the same thing', async () => {
  const result = await readXlsxRows([[...HEADER, '正确答案'], line(SINGLE)]);
  assert.equal(result.issues.map((i) => [i.row, i.column]), [[1, '正确答案']]);
  assert.match(result.issues[0]!.message, '都是答案列');
});
header('refuses other file types and unreadable xlsx', async () => {
  const xls = await read('题库.xls', Buffer.from('x'));
  assert.equal(xls.issues.map((i) => [i.row, i.column]), [[0, '文件']]);
  assert.match(xls.issues[0]!.message, '不支持的文件类型 .xls');
  const broken = await read('题库.xlsx', Buffer.from('not a zip'));
  assert.match(broken.issues[0]!.message, '无法读取该 Excel 文件');
});
header.run();

// ---
const cells = suite('readQuestionFile: cell problems');
cells('reports a bad answer of each type at its row and column', async () => {
  const result = await readXlsxRows([
    HEADER,
    line({ ...SINGLE, 答案: 'BC' }),
    line({ ...SINGLE, 题干: '第二道单选题的题干？', 答案: '第二个' }),
    line({ ...SINGLE, 题干: '第三道单选题的题干？', 答案: 'F' }),
    line({ ...MULTIPLE, 答案: 'B' }),
    line({ ...JUDGE, 答案: '也许' }),
    line({ ...FILL, 题干: '（  ）和（  ）行使国家立法权。', 答案: '全国人大' }),
    line({ ...FILL, 答案: '立法||' }),
    line({ ...JUDGE, 题干: '这是一道缺少答案的判断题。', 答案: '' }),
  ]);
  assert.equal(result.questions, []);
  const expected: Array<[number, string]> = [
    [2, '单选题答案只能有一个选项字母'],
    [3, '无法识别单选题答案“第二个”'],
    [4, '答案 F 不在已填写的选项中'],
    [5, '多选题答案应至少有两个选项'],
    [6, '无法识别判断题答案“也许”，请填写 对/错、正确/错误'],
    [7, '题干有 2 个空，答案有 1 个'],
    [8, '第2个空没有答案'],
    [9, '答案不能为空'],
  ];
  assert.equal(result.issues.map((i) => [i.row, i.column]), expected.map(([row]) => [row, '答案']));
  expected.forEach(([row, fragment]) => assert.match(issuesAt(result, row)[0]!.message, fragment));
});
cells('reports every problem of a row, not only the first', async () => {
  const result = await readXlsxRows([HEADER, line({ ...SINGLE, 题型: '问答题', 题干: '短', 解析: '', 法条依据: '《刑法》第一条', 难度: '很难' })]);
  assert.equal(result.questions, []);
  assert.ok(result.issues.every((i) => i.row === 2));
  assert.equal(result.issues.map((i) => i.column).sort(), ['法条依据', '解析', '难度', '题型', '题干'].sort());
  const message = (column: string) => result.issues.find((i) => i.column === column)!.message;
  assert.match(message('题型'), '无法识别题型“问答题”');
  assert.is(message('解析'), '解析不能为空');
  assert.is(message('法条依据'), '未找到法规《刑法》');
  assert.match(message('难度'), '无法识别难度“很难”');
  assert.match(message('题干'), '至少需要 4 个字');
});
cells('checks the stem length even when other cells are wrong', async () => {
  const result = await readXlsxRows([HEADER, line({ ...JUDGE, 题干: '短句', 答案: '不知道' })]);
  assert.equal(result.issues.map((i) => [i.row, i.column]).sort(), [[2, '答案'], [2, '题干']]);
  assert.match(result.issues.find((i) => i.column === '题干')!.message, '至少需要 4 个字');
});
cells('checks that every cited statute and article exists', async () => {
  const result = await readXlsxRows([
    HEADER,
    line({ ...JUDGE, 法条依据: '《中华人民共和国刑法》第二十条' }),
    line({ ...JUDGE, 题干: '第二道判断题的题干。', 法条依据: '《行政处罚法》第二百条' }),
    line({ ...JUDGE, 题干: '第三道判断题的题干。', 法条依据: '《宪法》第一条、第九百条' }),
    line({ ...JUDGE, 题干: '第四道判断题的题干。', 法条依据: '行政处罚法的有关规定' }),
    line({ ...JUDGE, 题干: '第五道判断题的题干。', 法条依据: '第一条' }),
  ]);
  assert.equal(result.questions, []);
  assert.equal(result.issues, [
    { row: 2, column: '法条依据', message: '未找到法规《中华人民共和国刑法》' },
    { row: 3, column: '法条依据', message: '《行政处罚法》没有第200条' },
    { row: 4, column: '法条依据', message: '《宪法》没有第900条' },
    { row: 5, column: '法条依据', message: '无法识别法条依据“行政处罚法的有关规定”，应写作《法规名称》第X条或《法规名称》第X条第Y款' },
    { row: 6, column: '法条依据', message: '法条依据“第一条”没有写明法规名称，应写作《法规名称》第X条或《法规名称》第X条第Y款' },
  ]);
});
cells('reports a gap in the options on the empty option column, and options on judge rows', async () => {
  const result = await readXlsxRows([
    HEADER,
    line({ ...SINGLE, 选项C: '' }),
    line({ ...JUDGE, 选项A: '正确', 选项B: '错误' }),
    line({ ...FILL, 选项B: '立法' }),
  ]);
  assert.equal(result.issues.map((i) => [i.row, i.column]), [[2, '选项C'], [3, '选项A'], [4, '选项B']]);
  assert.equal(rowsOf(await readXlsxRows([HEADER, line({ ...SINGLE, 选项D: '', 答案: 'A' })])), [2], 'fewer options is not a gap');
  assert.match(issuesAt(result, 2)[0]!.message, '选项C为空');
  assert.match(issuesAt(result, 3)[0]!.message, '判断题不填选项');
  assert.match(issuesAt(result, 4)[0]!.message, '填空题不填选项');
});
cells('reports a repeated 编号, and a repeated type and stem, on the later row', async () => {
  const withId = ['编号', ...HEADER];
  const explicit = await readXlsxRows([withId, ['dup-1', ...line(SINGLE)], ['dup-2', ...line(JUDGE)], ['dup-1', ...line(MULTIPLE)]]);
  assert.equal(explicit.issues, [{ row: 4, column: '编号', message: '与第2行编号重复' }]);
  assert.equal(rowsOf(explicit), [2, 3]);
  const derived = await readXlsxRows([HEADER, line(JUDGE), line(FILL), line({ ...JUDGE, 答案: '错', 解析: '另一种解析文字。' })]);
  assert.equal(derived.issues.map((i) => [i.row, i.column]), [[4, '题干']]);
  assert.match(derived.issues[0]!.message, '与第2行编号重复');
  assert.equal(rowsOf(derived), [2, 3]);
});
cells('explains what a 编号 must look like', async () => {
  const result = await readXlsxRows([['题号', ...HEADER], ['1', ...line(SINGLE)]]);
  assert.equal(result.issues.map((i) => [i.row, i.column]), [[2, '题号']]);
  assert.match(result.issues[0]!.message, '也可以留空');
});
cells.run();

// ---
const layout = suite('readQuestionFile: sheet layout');
layout('reports each merged range once at its top-left cell and reads none of its rows', async () => {
  const result = await readXlsxRows([
    ['题库（合并的标题行）'], HEADER,
    line(SINGLE), line({ ...JUDGE, 题干: '合并的第一行。' }), line({ ...JUDGE, 题干: '' }), line(FILL), line({ ...MULTIPLE, 解析: '合并的解析' }), line({ ...MULTIPLE, 题干: '下列属于行政处罚的有？', 解析: '' }),
  ], (sheet) => { sheet.mergeCells('A1:K1'); sheet.mergeCells('B4:B5'); sheet.mergeCells('H7:H8'); });
  assert.equal(result.issues, [
    { row: 4, column: '题干', message: '不支持合并单元格（范围 B4:B5），请取消合并后逐行填写' },
    { row: 7, column: '解析', message: '不支持合并单元格（范围 H7:H8），请取消合并后逐行填写' },
  ]);
  assert.equal(rowsOf(result), [3, 6]);
});
layout('skips empty rows and counts them, but not the blank rows after the last question', async () => {
  const result = await readXlsxRows([HEADER, line(SINGLE), [], line(JUDGE), ['  ', null, ''], line(FILL), [], []], (sheet) => {
    sheet.getCell('A12').value = ' ';
  });
  assert.equal(result.issues, []);
  assert.equal(rowsOf(result), [2, 4, 6]);
  assert.is(result.emptyRows, 2);
});
layout.run();

// ---
const csv = suite('readQuestionFile: csv');
const csvCell = (value: ExcelJS.CellValue) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvText = (rows: ExcelJS.CellValue[][], eol = '\r\n') => rows.map((row) => row.map(csvCell).join(',')).join(eol) + eol;
const csvRows = [HEADER, line(SINGLE), line({ ...MULTIPLE, 解析: '行政处罚法第九条，\n列举了处罚种类。' }), [], line(JUDGE), line(FILL)];
csv('UTF-8, UTF-8 with BOM, GBK and UTF-16 all give the same questions', async () => {
  const text = csvText(csvRows);
  const utf8 = await read('a.csv', Buffer.from(text, 'utf8'));
  assert.equal(utf8.issues, []);
  assert.equal(rowsOf(utf8), [2, 3, 5, 6]);
  assert.is(utf8.emptyRows, 1);
  assert.is(utf8.questions[1]!.question.explanation, '行政处罚法第九条，\n列举了处罚种类。');
  const xlsx = await readXlsxRows(csvRows);
  assert.equal(utf8.questions, xlsx.questions);
  for (const [name, buffer] of [
    ['bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['gbk', iconv.encode(text, 'gbk')],
    ['utf-16le tabs', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text.replace(/,/g, '\t'), 'utf-16le')])],
  ] as const) {
    const result = await read('a.csv', buffer);
    assert.equal(result.issues, [], name);
    assert.equal(result.questions, utf8.questions, name);
  }
});
csv('names the cell that holds bytes the decoder could not read', async () => {
  const gbk = iconv.encode(csvText([HEADER, line(SINGLE), line(JUDGE)]), 'gbk');
  const stem = iconv.encode(String(JUDGE.题干), 'gbk');
  const at = gbk.indexOf(stem);
  // Drop the second byte of the stem's first character: a multi-byte sequence cut in half.
  const broken = Buffer.concat([gbk.subarray(0, at + 1), gbk.subarray(at + 2)]);
  const result = await read('a.csv', broken);
  assert.equal(rowsOf(result), [2]);
  assert.equal(result.issues.map((i) => [i.row, i.column]), [[3, '题干']]);
  assert.match(result.issues[0]!.message, '该单元格含有无法识别的字符，文件编码可能不正确');
});
csv('says the encoding may be wrong when the header cannot be read', async () => {
  const latin1 = Buffer.from(Buffer.from(csvText([HEADER, line(JUDGE)]), 'utf8').toString('latin1'), 'utf8');
  const result = await read('a.csv', latin1);
  assert.equal(result.issues, [{ row: 1, column: '表头', message: '无法识别表头，请确认第一行是列名，并以 UTF-8 或 GBK 编码保存' }]);
});
csv.run();

// ---
const jsonl = suite('readQuestionFile: jsonl');
jsonl('reads good lines and reports each bad one by line and field', async () => {
  const [first, second, third, fourth] = bank;
  const lines = [
    JSON.stringify(first),
    '{"id": "broken", ',
    '',
    JSON.stringify({ ...second, answer: 'Z' }),
    JSON.stringify({ ...third, citations: [{ law: 'xingfa', article: 1 }, { law: 'xianfa', article: 900 }] }),
    JSON.stringify({ ...second, stem: '另一道题的题干，编号与第一行相同。' , id: first!.id }),
    JSON.stringify(fourth),
    '[1, 2]',
    '',
  ];
  const result = await read('a.jsonl', Buffer.from(lines.join('\n')));
  assert.equal(rowsOf(result), [1, 7]);
  assert.equal(result.questions[0]!.question, first);
  assert.is(result.emptyRows, 1);
  assert.equal(result.issues.map((i) => [i.row, i.column]), [
    [2, 'JSON'], [4, 'answer'], [5, 'citations[0].law'], [5, 'citations[1].article'], [6, 'id'], [8, 'JSON'],
  ]);
  assert.match(issuesAt(result, 2)[0]!.message, '该行不是有效的 JSON');
  assert.is(issuesAt(result, 5)[0]!.message, '未找到法规 xingfa');
  assert.is(issuesAt(result, 5)[1]!.message, '《中华人民共和国宪法》没有第900条');
  assert.is(issuesAt(result, 6)[0]!.message, '与第1行编号重复');
  assert.match(issuesAt(result, 8)[0]!.message, 'JSON 对象');
});
jsonl('reports missing fields in Chinese', async () => {
  const result = await read('a.jsonl', Buffer.from(JSON.stringify({ id: 'x-001', type: 'judge', stem: '一道没有答案的判断题。' })));
  assert.equal(result.issues.map((i) => i.column).sort(), ['answer', 'citations', 'difficulty', 'explanation']);
  assert.ok(result.issues.every((i) => i.message.startsWith('缺少“')), JSON.stringify(result.issues));
});
jsonl.run();

// ---
const shortTitles = suite('statute titles as organisers shorten them');
shortTitles('a front-shortened title names its statute only when exactly one title ends with it', () => {
  assert.is(statutes.slugForTitle('《政务处分法》'), 'gongzhi-renyuan-zhengwu-chufen-fa');
  assert.is(statutes.slugForTitle('行政处罚法'), 'xingzheng-chufa-fa');
  assert.is(statutes.slugForTitle('《法》'), null);
  assert.is(statutes.slugForTitle('《条例》'), null, 'several regulations end with 条例');
  assert.is(statutes.slugForTitle('《刑法》'), null);
});
shortTitles.run();
