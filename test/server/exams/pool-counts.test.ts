// The blueprint editor's live pool counts (and its sample paper) under whatever the organiser's
// typing sends: each bad input is a 400 with a code and a Chinese reason for the field, never a
// 500; odd but valid drafts (counts of 0, unknown statutes, sixty rows, the same row twice, many
// calls at once) are answered, and counted as the pool itself is.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { eastFixture } from './support.ts';

type Fixture = Awaited<ReturnType<typeof eastFixture>>;
type Context = { app: TestApp; f: Fixture };

const TYPES = ['single', 'multiple', 'judge', 'fill'] as const;
const HAN = /\p{Script=Han}/u;

/** [what is wrong, rules sent, the field refused, its reason]. */
const badRows: Array<[string, unknown, string, RegExp]> = [
  ['an empty row', [{}], 'body.rules.0.type', /^题型应为/],
  ['a row without a type', [{ count: 3 }], 'body.rules.0.type', /^题型应为/],
  ['an unknown type', [{ type: 'essay', count: 3 }], 'body.rules.0.type', /^题型应为/],
  ['difficulty 0', [{ type: 'judge', difficulty: 0, count: 3 }], 'body.rules.0.difficulty', /^难度应为 1（易）、2（中）或 3（难）/],
  ['difficulty 4', [{ type: 'judge', difficulty: 4, count: 3 }], 'body.rules.0.difficulty', /^难度应为/],
  ['difficulty 2.5', [{ type: 'judge', difficulty: 2.5, count: 3 }], 'body.rules.0.difficulty', /^难度应为/],
  ['difficulty null', [{ type: 'judge', difficulty: null, count: 3 }], 'body.rules.0.difficulty', /^难度应为/],
  ['a negative count', [{ type: 'judge', count: -1 }], 'body.rules.0.count', /^每行题数应为 0–200 的整数$/],
  ['a fractional count', [{ type: 'judge', count: 1.5 }], 'body.rules.0.count', /^每行题数应为 0–200 的整数$/],
  ['a count over 200', [{ type: 'judge', count: 201 }], 'body.rules.0.count', /^每行题数应为 0–200 的整数$/],
  ['a huge count', [{ type: 'judge', count: 1e12 }], 'body.rules.0.count', /^每行题数应为 0–200 的整数$/],
  ['a count as text', [{ type: 'judge', count: '5' }], 'body.rules.0.count', /^每行题数应为 0–200 的整数$/],
  ['a missing count', [{ type: 'judge' }], 'body.rules.0.count', /^每行题数应为 0–200 的整数$/],
  ['an empty statute', [{ statute: '', type: 'judge', count: 1 }], 'body.rules.0.statute', /^法规标识不正确$/],
  ['a statute with SQL in it', [{ statute: "x' OR 1=1 --", type: 'judge', count: 1 }], 'body.rules.0.statute', /^法规标识不正确$/],
  ['no rows', [], 'body.rules', /^至少需要一行组卷规则$/],
  ['61 rows', Array(61).fill({ type: 'judge', count: 1 }), 'body.rules', /^组卷规则至多 60 行$/],
  ['rows that are not a list', { 0: { type: 'judge', count: 1 } }, 'body.rules', /^组卷规则应为一组行$/],
];

for (const dialect of testDialects()) {
  const test = suite<Context>(`blueprint pool counts, odd inputs [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full' });
    context.f = await eastFixture(context.app);
  });
  test.after(async ({ app }) => app.close());

  const post = (app: TestApp, f: Fixture, path: 'pool-counts' | 'preview', body: unknown) => app.call('POST', `/api/blueprints/${path}`, { token: f.organiser, body });

  test('every bad row is a 400 validation_failed naming the field with a Chinese reason, on the counts and the sample paper', async ({ app, f }) => {
    for (const path of ['pool-counts', 'preview'] as const) {
      for (const [what, rules, field, reason] of badRows) {
        const response = await post(app, f, path, { organizationId: f.eastId, rules });
        assert.is(response.status, 400, `${path}: ${what}: ${JSON.stringify(response.body)}`);
        assert.is(response.body.error.code, 'validation_failed');
        assert.match(response.body.error.message, HAN);
        const detail = response.body.error.details.find((d: { path: string }) => d.path === field);
        assert.ok(detail, `${path}: ${what}: ${field} named in ${JSON.stringify(response.body.error.details)}`);
        assert.match(detail.message, reason, `${path}: ${what}`);
      }
    }
  });

  test('a bad unit is a 400 or a 404 with a Chinese message, never a 500', async ({ app, f }) => {
    const rules = [{ type: 'judge', count: 1 }];
    const cases: Array<[unknown, number, string]> = [
      [{ rules }, 400, '请选择组卷单位'],
      [{ organizationId: 0, rules }, 400, '组卷单位不正确'],
      [{ organizationId: '5', rules }, 400, '请选择组卷单位'],
      [{ organizationId: 2 ** 53 + 2, rules }, 400, '组卷单位不正确'],
      [{ organizationId: 2 ** 31, rules }, 404, ''],
      [{ organizationId: f.westId, rules }, 404, ''],
    ];
    for (const [body, status, reason] of cases) {
      const response = await post(app, f, 'pool-counts', body);
      assert.is(response.status, status, JSON.stringify([body, response.body]));
      assert.match(response.body.error.message, HAN);
      if (reason) assert.is(response.body.error.details[0].message, reason);
    }
    for (const raw of ['null', '[1,2]', '{"organizationId":', '"text"']) {
      const response = await app.call('POST', '/api/blueprints/pool-counts', { token: f.organiser, rawBody: raw });
      assert.is(response.status, 400, raw);
      assert.ok(['invalid_json', 'validation_failed'].includes(response.body.error.code), raw);
      assert.match(response.body.error.message, HAN);
    }
  });

  test('counts of 0, an unknown statute and repeated rows are answered and counted as the pool is', async ({ app, f }) => {
    const db = app.running.deps.db;
    /** Counted independently, as "active questions of the national bank whose current version matches". */
    const independent = (rule: { type: string; difficulty?: number; statute?: string }) => db.question.count({ where: {
      status: 'active', organizationId: null,
      versions: { some: { isCurrent: true, type: rule.type as 'judge', ...(rule.difficulty ? { difficulty: rule.difficulty } : {}), ...(rule.statute ? { citations: { some: { statute: { slug: rule.statute } } } } : {}) } },
    } });
    const rules = [
      { type: 'single', count: 0 }, { statute: 'no-such-law', type: 'judge', count: 3 }, { statute: 'xianfa', type: 'judge', difficulty: 2, count: 1 },
      { statute: 'xianfa', type: 'judge', difficulty: 2, count: 1 }, { type: 'fill', difficulty: 3, count: 0 },
    ];
    const response = await post(app, f, 'pool-counts', { organizationId: f.eastId, rules });
    assert.is(response.status, 200, JSON.stringify(response.body));
    const rows = response.body.data.rows;
    assert.equal(rows.map((r: { available: number }) => r.available), await Promise.all(rules.map(independent)));
    assert.ok(rows[0].available > 1000 && rows[2].available > 1);
    assert.equal(rows.map((r: { problem: string | null }) => r.problem), [null, '第 2 行要求 3 道，可用题目只有 0 道', null, null, null]);
    assert.equal([response.body.data.totalRequested, response.body.data.feasible], [5, false]);
    const preview = await post(app, f, 'preview', { organizationId: f.eastId, rules });
    assert.equal([preview.status, preview.body.data.shortRows, preview.body.data.items.length], [200, [1], 2]);
  });

  test('sixty rows at the limit are counted, and a sample paper of sixty rows is drawn (it was a 500 on SQLite)', async ({ app, f }) => {
    const full = Array.from({ length: 60 }, (_, i) => ({ type: TYPES[i % 4], difficulty: (i % 3) + 1, count: 200 }));
    const counts = await post(app, f, 'pool-counts', { organizationId: f.eastId, rules: full });
    assert.is(counts.status, 200, JSON.stringify(counts.body));
    assert.is(counts.body.data.rows.length, 60);
    assert.is(counts.body.data.totalRequested, 12_000);
    assert.is(counts.body.data.feasible, false);
    // Sixty rows of twenty (single and judge, the largest pools): 1,200 questions drawn, more than SQLite binds in one statement.
    const drawable = Array.from({ length: 60 }, (_, i) => ({ type: i % 2 ? 'judge' : 'single', count: 20 }));
    const preview = await post(app, f, 'preview', { organizationId: f.eastId, rules: drawable });
    assert.is(preview.status, 200, JSON.stringify(preview.body));
    assert.is(preview.body.data.shortRows.length, 0);
    assert.is(new Set(preview.body.data.items.map((i: { questionId: number }) => i.questionId)).size, 1200);
  });

  test('calls while the organiser types, many at once, each answered for its own draft', async ({ app, f }) => {
    const drafts = Array.from({ length: 24 }, (_, i) => [
      { type: 'single', count: i }, { type: 'judge', difficulty: (i % 3) + 1, count: i * 8 }, { statute: 'xianfa', type: TYPES[i % 4], count: i % 7 },
    ]);
    const answers = await Promise.all(drafts.map((rules) => post(app, f, 'pool-counts', { organizationId: f.eastId, rules })));
    assert.equal(answers.map((a) => a.status), Array(drafts.length).fill(200));
    answers.forEach((answer, i) => assert.equal(answer.body.data.rows.map((r: { requested: number }) => r.requested), drafts[i]!.map((r) => r.count)));
  });

  test.run();
}
