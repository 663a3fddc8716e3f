import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkBank, CHECK_DEFAULTS, type SourcedLine } from '../../server/src/bank/checks.ts';
import { STYLE_LIMITS } from '../../server/src/bank/style-checks.ts';
import { loadQuestionLines, loadStatutes, readManifest } from '../../server/src/bank/files.ts';
import { chineseNumeral } from '../../server/src/bank/statute-parser.ts';

const statutes = loadStatutes();

// ---
const parser = suite('parseStatute');
parser('reads Chinese article numbers', () => {
  assert.equal(['一', '十', '十二', '二十', '一百零三', '一百一十', '一百四十三'].map(chineseNumeral), [1, 10, 12, 20, 103, 110, 143]);
});
parser('finds every article of every statute, numbered without gaps, as the manifest says', () => {
  for (const entry of readManifest()) {
    const statute = statutes.get(entry.file.replace(/\.md$/, ''))!;
    assert.is(statute.title, entry.title);
    assert.equal(statute.articles.map((a) => a.number), Array.from({ length: entry.articles }, (_, i) => i + 1), entry.file);
  }
});
parser('counts clauses (款) the official way: item lines belong to the clause above', () => {
  const article = statutes.get('xingzheng-chufa-fa')!.articles.find((a) => a.number === 9)!;
  assert.is(article.paragraphs.length, 1);
  assert.match(article.paragraphs[0]!.text, /（六）法律、行政法规规定的其他行政处罚。/);
  const two = statutes.get('xingzheng-qiangzhi-fa')!.articles.find((a) => a.number === 2)!;
  assert.is(two.paragraphs.length, 3);
  assert.match(two.paragraphs[2]!.text, /^行政强制执行，是指/);
});
parser.run();

// ---
const wholeBank = suite('the question bank');
const report = checkBank(loadQuestionLines(), statutes);
wholeBank('passes every check', () => {
  assert.equal(report.problems.map((p) => `${p.file}:${p.line} ${p.id} [${p.kind}] ${p.message}`), []);
});
wholeBank('holds at least 2,500 questions over all 22 statutes in the required proportions', () => {
  assert.ok(report.total >= 2500, `${report.total} questions`);
  const row = (law: string) => report.coverage.find((r) => r.law === law)!;
  assert.is(report.coverage.length, 22);
  for (const law of STYLE_LIMITS.secondRound.slugs) {
    const r = row(law);
    assert.ok(r.questions >= Math.max(50, Math.ceil(2.5 * r.articles)) && r.articlesCovered / r.articles >= 0.7, law);
  }
  assert.ok(report.coverage.every((r) => r.questions > 0));
  assert.ok(row('xianfa').questions >= 300 && row('xianfa').articlesCovered / row('xianfa').articles >= 0.8);
  for (const law of ['xingzheng-chufa-fa', 'xingzheng-fuyi-fa', 'xingzheng-susong-fa']) assert.ok(row(law).questions >= 150, law);
  assert.ok(row('xingzheng-xuke-fa').questions >= 120);
  assert.ok(row('xingzheng-qiangzhi-fa').questions >= 100);
});
wholeBank('is mostly single, multiple and judge choice, with few fill-ins, like a real 学法考试', () => {
  const totals = { single: 0, multiple: 0, judge: 0, fill: 0 };
  for (const row of report.coverage) for (const type of Object.keys(totals) as Array<keyof typeof totals>) totals[type] += row.types[type];
  const share = (n: number) => n / report.total;
  assert.ok(share(totals.single) >= 0.38 && share(totals.multiple) >= 0.2 && share(totals.judge) <= 0.33, JSON.stringify(totals));
  assert.ok(share(totals.fill) <= STYLE_LIMITS.maxFillShare);
});
wholeBank('spreads multiple-choice keys over two, three and four correct options', () => {
  const counts = report.style.multipleKeyCounts;
  const multiple = Object.values(counts).reduce((a, b) => a + b, 0);
  for (const n of ['2', '3', '4']) assert.ok((counts[n] ?? 0) > 0.15 * multiple, `${n}: ${counts[n]}`);
  assert.ok(Object.values(counts).every((n) => n <= STYLE_LIMITS.maxKeyCountShare * multiple));
});
wholeBank.run();

// ---
const detectors = suite('checkBank detectors');
const good = {
  id: 'xianfa-t001', type: 'single', stem: '中华人民共和国的一切权力属于谁？',
  options: [{ key: 'A', text: '国家机关' }, { key: 'B', text: '人民' }, { key: 'C', text: '政党' }, { key: 'D', text: '军队' }],
  answer: 'B', explanation: '根据宪法第二条第一款，中华人民共和国的一切权力属于人民。', citations: [{ law: 'xianfa', article: 2, paragraph: 1 }], difficulty: 1,
};
// Bank-wide shares and coverage mean nothing for a handful of questions: the detector tests turn them off.
const SMALL_SAMPLE = { ...CHECK_DEFAULTS, style: { ...STYLE_LIMITS, maxFillShare: 1, secondRound: { ...STYLE_LIMITS.secondRound, slugs: [] as string[] } } };
const run = (...values: unknown[]) => checkBank(values.map((value, i): SourcedLine => ({ file: 't.jsonl', line: i + 1, value })), statutes, SMALL_SAMPLE);
const kinds = (r: ReturnType<typeof run>) => r.problems.map((p) => p.kind);

detectors('a well-formed, grounded question passes', () => {
  assert.equal(kinds(run(good)), []);
});
detectors('schema breaches name the field', () => {
  const r = run({ ...good, answer: 'E' }, { ...good, id: 'xianfa-t002', options: undefined }, { ...good, id: 'X' });
  assert.equal(kinds(r), ['schema', 'schema', 'schema']);
  assert.match(r.problems[0]!.message, /^answer/);
});
detectors('citations must exist: statute, article and clause', () => {
  const r = run({ ...good, citations: [{ law: 'xianfa', article: 144 }] }, { ...good, id: 'xianfa-t002', stem: '另一个完全不同的问题？', citations: [{ law: 'no-such-law', article: 1 }] }, { ...good, id: 'xianfa-t003', stem: '第三个不同的问题是什么？', citations: [{ law: 'xianfa', article: 2, paragraph: 9 }] });
  assert.equal(kinds(r), ['citation', 'citation', 'citation']);
});
detectors('answers must be grounded in the cited text', () => {
  const unrelated = { ...good, options: [{ key: 'A', text: '国家机关' }, { key: 'B', text: '月球探测器' }, { key: 'C', text: '政党' }, { key: 'D', text: '军队' }] };
  const fill = { id: 'xianfa-t009', type: 'fill', stem: '人民行使国家权力的机关是全国人民代表大会和（  ）。', answer: [['县级政府']], explanation: '宪法第二条第二款。', citations: [{ law: 'xianfa', article: 2 }], difficulty: 1 };
  assert.equal(kinds(run(unrelated, fill)), ['grounding', 'grounding']);
  assert.equal(kinds(run({ ...fill, answer: [['地方各级人民代表大会']] })), []);
});
detectors('duplicate options, duplicate ids and near-duplicate questions are caught', () => {
  assert.equal(kinds(run({ ...good, options: [...good.options.slice(0, 3), { key: 'D', text: '人 民' }] })), ['duplicate-option']);
  assert.equal(kinds(run(good, { ...good, stem: '中华人民共和国的一切权力属于谁？（ ）' })), ['duplicate-id', 'near-duplicate']);
});
detectors('an explanation that contradicts the key is caught', () => {
  const judgeFalse = { id: 'xianfa-t010', type: 'judge', stem: '中华人民共和国的一切权力属于国家机关。', answer: false, explanation: '宪法第二条规定了国家权力的归属。', citations: [{ law: 'xianfa', article: 2 }], difficulty: 1 };
  const judgeTrue = { ...judgeFalse, id: 'xianfa-t011', stem: '中华人民共和国的一切权力属于人民，这是宪法的规定吗', answer: true, explanation: '该说法错误。宪法第二条规定一切权力属于人民。' };
  const wrongLetter = { ...good, id: 'xianfa-t012', stem: '宪法规定一切权力的归属是？', explanation: '根据宪法第二条，一切权力属于人民，故选A。' };
  assert.equal(kinds(run(judgeFalse, judgeTrue, wrongLetter)), ['explanation', 'explanation', 'explanation']);
});
detectors('an answer letter used for more than 35 % of single-choice questions is flagged', () => {
  const many = Array.from({ length: 12 }, (_, i) => ({ ...good, id: `xianfa-k${i}`, stem: `第${i}种不同表述的问题：权力${'甲乙丙丁戊己庚辛壬癸子丑'[i]}属于谁？` }));
  const r = run(...many);
  assert.ok(kinds(r).includes('key-position'));
});
detectors('an explanation naming the first N options as right checks them against the key', () => {
  const multiple = { id: 'xianfa-t013', type: 'multiple', stem: '根据宪法，下列说法正确的有？', options: [{ key: 'A', text: '中华人民共和国的一切权力属于人民' }, { key: 'B', text: '一切权力属于国家机关' }, { key: 'C', text: '人民行使国家权力的机关是全国人民代表大会和地方各级人民代表大会' }, { key: 'D', text: '人民依照法律规定管理国家事务' }], answer: ['A', 'C', 'D'], explanation: '根据宪法第二条，前三项均正确。', citations: [{ law: 'xianfa', article: 2 }], difficulty: 1 };
  assert.equal(kinds(run(multiple)), ['explanation']);
  assert.equal(kinds(run({ ...multiple, explanation: '根据宪法第二条，A、C、D正确，B错误。' })), []);
});
detectors('give-away absolutes the article does not use, and article-number trivia, are flagged', () => {
  const giveaway = { ...good, id: 'xianfa-t014', stem: '关于国家权力的归属，下列说法正确的是？', options: [{ key: 'A', text: '一律属于国家机关' }, { key: 'B', text: '人民' }, { key: 'C', text: '任何情况下都属于政党' }, { key: 'D', text: '军队' }] };
  const trivia = { ...good, id: 'xianfa-t015', stem: '规定一切权力属于人民的是宪法哪一条？', options: [{ key: 'A', text: '第一条' }, { key: 'B', text: '第二条' }, { key: 'C', text: '第三条' }, { key: 'D', text: '第四条' }] };
  assert.equal(kinds(run(giveaway)), ['giveaway']);
  assert.ok(kinds(run(trivia)).includes('article-number'));
});
detectors('three correct options in most multiple-choice questions, too many fill-ins and thin second-round coverage are flagged', () => {
  const mc = (i: number) => ({ id: `xianfa-m${i}`, type: 'multiple', stem: `第${i}题：关于人民行使权力，下列说法正确的有？（${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'[i]}）`, options: [{ key: 'A', text: '中华人民共和国的一切权力属于人民' }, { key: 'B', text: '人民行使国家权力的机关是全国人民代表大会和地方各级人民代表大会' }, { key: 'C', text: '人民依照法律规定管理国家事务' }, { key: 'D', text: '一切权力属于军队' }], answer: ['A', 'B', 'C'], explanation: '宪法第二条。', citations: [{ law: 'xianfa', article: 2 }], difficulty: 1 });
  const bank = (limits: typeof SMALL_SAMPLE) => checkBank(Array.from({ length: 20 }, (_, i): SourcedLine => ({ file: 't.jsonl', line: i + 1, value: mc(i) })), statutes, limits).problems.map((p) => p.kind);
  assert.ok(bank(SMALL_SAMPLE).includes('key-count'));
  assert.ok(bank({ ...SMALL_SAMPLE, style: { ...SMALL_SAMPLE.style, maxFillShare: 0 } }).every((kind) => kind !== 'fill-share'));
  assert.ok(kinds(run({ id: 'xianfa-t016', type: 'fill', stem: '一切权力属于（  ）。', answer: [['人民']], explanation: '宪法第二条。', citations: [{ law: 'xianfa', article: 2 }], difficulty: 1 })).length === 0);
  const strict = checkBank([], statutes, { ...CHECK_DEFAULTS, style: { ...STYLE_LIMITS, secondRound: { ...STYLE_LIMITS.secondRound, slugs: ['guowuyuan-zuzhi-fa'] } } });
  assert.equal(strict.problems.map((p) => p.kind), ['coverage', 'coverage']);
});
detectors('a line that is not JSON is reported with its line number', () => {
  const r = checkBank([{ file: 'x.jsonl', line: 7, value: null, parseError: 'Unexpected token' }], statutes, SMALL_SAMPLE);
  assert.equal(r.problems.map((p) => [p.line, p.kind]), [[7, 'json']]);
});
detectors.run();
