// The console's question form logic in Node, against the server's own schema: a draft the form
// accepts is one the server accepts and the reverse, a question survives draft → body unchanged,
// and the server's field paths land on the form's fields.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { QuestionSchema } from '../../server/src/bank/question-format.ts';
import {
  FILL_BLANK, bodyOf, draftOf, emptyDraft, fieldErrorsFrom, moveOption, pickSingle, syncBlanks, validateDraft, valueAtField,
  type QuestionBody, type QuestionDraft, type QuestionFull,
} from '../../server/console/src/pages/questions/question-form.ts';

const citation = { law: 'xianfa', article: 2, paragraph: null };
const base = { explanation: '宪法第二条第一款规定，一切权力属于人民。', citations: [citation], difficulty: 2, tags: ['总纲'] };

const valid: Record<string, QuestionDraft> = {
  single: { ...emptyDraft(), ...base, stem: '中华人民共和国的一切权力属于？', options: [{ text: '人民', correct: true }, { text: '政府', correct: false }] },
  multiple: { ...emptyDraft(), ...base, type: 'multiple', stem: '下列属于行政处罚的有？', options: [{ text: '警告', correct: true }, { text: '罚款', correct: true }, { text: '记过', correct: false }] },
  judge: { ...emptyDraft(), ...base, type: 'judge', stem: '中华人民共和国的一切权力属于人民。', options: [], judge: false },
  fill: { ...emptyDraft(), ...base, type: 'fill', stem: `一切权力属于${FILL_BLANK}，权力机关是${FILL_BLANK}。`, options: [], blanks: [['人民'], [' 全国人大 ', '全国人民代表大会', '']] },
};

type Change = (draft: QuestionDraft) => void;
const broken: Record<string, [base: keyof typeof valid, change: Change, field: string]> = {
  'stem too short': ['single', (d) => { d.stem = ' 权力 '; }, 'stem'],
  'stem too long': ['judge', (d) => { d.stem = '法'.repeat(2001); }, 'stem'],
  'single without a key': ['single', (d) => { d.options.forEach((o) => { o.correct = false; }); }, 'answer'],
  'single with two keys': ['single', (d) => { d.options.forEach((o) => { o.correct = true; }); }, 'answer'],
  'multiple with one key': ['multiple', (d) => { d.options[1]!.correct = false; }, 'answer'],
  'an empty option': ['multiple', (d) => { d.options[2]!.text = '  '; }, 'options.2'],
  'an option too long': ['single', (d) => { d.options[1]!.text = '字'.repeat(501); }, 'options.1'],
  'one option': ['single', (d) => { d.options.splice(1, 1); }, 'options'],
  'nine options': ['multiple', (d) => { d.options = Array.from({ length: 9 }, (_, i) => ({ text: `选项${i}`, correct: i < 2 })); }, 'options'],
  'judge undecided': ['judge', (d) => { d.judge = null; }, 'answer'],
  'fill without a blank': ['fill', (d) => { d.stem = '一切权力属于人民。'; syncBlanks(d); }, 'stem'],
  'fill with an empty blank': ['fill', (d) => { d.blanks[1] = [' ', '']; }, 'answer.1'],
  'explanation too short': ['judge', (d) => { d.explanation = '见宪法'; }, 'explanation'],
  'no citation': ['judge', (d) => { d.citations = []; }, 'citations'],
  'a citation without its article': ['judge', (d) => { d.citations = [{ law: 'xianfa', article: null, paragraph: null }]; }, 'citations.0'],
  'a tag too long': ['judge', (d) => { d.tags = ['标'.repeat(33)]; }, 'tags'],
};

const serverAccepts = (body: QuestionBody) => QuestionSchema.safeParse({ ...body, id: 'form-0001' }).success;

const Form = suite('console question form');

Form('each valid draft passes the form and the server', () => {
  for (const [name, draft] of Object.entries(valid)) {
    assert.equal(validateDraft(draft), {}, name);
    assert.ok(serverAccepts(bodyOf(draft)), name);
  }
  assert.equal(bodyOf(valid.fill!).answer, [['人民'], ['全国人大', '全国人民代表大会']], 'alternatives trimmed, blanks and repeats dropped');
});

Form('each broken draft is refused by the form at its field, and by the server', () => {
  for (const [name, [from, change, field]] of Object.entries(broken)) {
    const draft = structuredClone(valid[from]!);
    change(draft);
    const errors = validateDraft(draft);
    assert.ok(errors[field], `${name}: ${JSON.stringify(errors)}`);
    // Two keys of a single-choice question cannot reach the server: the body carries one letter.
    if (name !== 'single with two keys') assert.not.ok(serverAccepts(bodyOf(draft)), `${name}: the server accepts it`);
  }
});

Form('a stored question comes back as the same body', () => {
  for (const draft of Object.values(valid)) {
    const body = bodyOf(draft);
    const full = { ...body, options: body.options ?? null, tags: body.tags ?? [], citations: body.citations.map((c) => ({ ...c, paragraph: c.paragraph ?? null })) } as unknown as QuestionFull;
    assert.equal(bodyOf(draftOf(full)), body);
  }
});

Form('reordering options keeps each key with its text; blanks follow the stem', () => {
  const draft = structuredClone(valid.single!);
  draft.options.push({ text: '军队', correct: false });
  moveOption(draft, 0, 1);
  assert.equal(bodyOf(draft).options, [{ key: 'A', text: '政府' }, { key: 'B', text: '人民' }, { key: 'C', text: '军队' }]);
  assert.is(bodyOf(draft).answer, 'B');
  pickSingle(draft, 2);
  assert.is(bodyOf(draft).answer, 'C');
  const fill = structuredClone(valid.fill!);
  fill.stem += `第三空${FILL_BLANK}`;
  syncBlanks(fill);
  assert.equal(fill.blanks, [['人民'], [' 全国人大 ', '全国人民代表大会', ''], []]);
});

Form('the server\'s field paths land on the form\'s fields', () => {
  const details = [
    { path: 'body.options.1.text', message: '选项不超过 500 字' },
    { path: 'body.citations.0', message: '未找到所引条文：《中华人民共和国宪法》现行文本没有第 999 条' },
    { path: 'body.citations.0.article', message: '条号过小' },
    { path: 'body.answer.1.0', message: '答案不能为空' },
    { path: 'body.tags.2', message: '标签不超过 32 个字' },
    { path: 'body.organizationId', message: '单位不正确' },
  ];
  assert.equal(fieldErrorsFrom(details, 'fill'), {
    'options.1': '选项不超过 500 字', 'citations.0': '未找到所引条文：《中华人民共和国宪法》现行文本没有第 999 条', 'answer.1': '答案不能为空', tags: '标签不超过 32 个字', form: '单位不正确',
  });
  assert.equal(fieldErrorsFrom([{ path: 'body.answer.0', message: '答案 E 不是选项' }], 'multiple'), { answer: '答案 E 不是选项' });
  assert.equal(fieldErrorsFrom(undefined, 'single'), {});
});

Form('a server error\'s field is compared by its own value: other edits leave it standing', () => {
  const sent = bodyOf(valid.fill!);
  const draft = structuredClone(valid.fill!);
  draft.tags.push('新标签');
  draft.blanks[1]!.push('全国人民代表大会常务委员会');
  const now = bodyOf(draft);
  assert.is(valueAtField(now, 'citations.0'), valueAtField(sent, 'citations.0'));
  assert.is(valueAtField(now, 'answer.0'), valueAtField(sent, 'answer.0'));
  assert.is.not(valueAtField(now, 'answer.1'), valueAtField(sent, 'answer.1'));
  assert.is.not(valueAtField(now, 'tags'), valueAtField(sent, 'tags'));
});

Form.run();
