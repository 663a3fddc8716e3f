// POST /api/questions: a single question written in the console, owned by an organisation in the
// writer's scope (their own by default), at version 1, invisible outside that organisation's reach;
// another county's organisation is a 404, a bad question a 400 naming the field, and nothing is written.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

const BLANK = '（  ）';
const fillQuestion = (stem: string) => ({
  type: 'fill', stem, answer: [['人民'], ['全国人民代表大会', '全国人大']], difficulty: 1, tags: ['本单位自编'],
  explanation: '宪法第二条第一款、第二款规定了人民主权和人民代表大会制度。', citations: [{ law: 'xianfa', article: 2, paragraph: 1 }],
});
const eastStem = `东城县自编：中华人民共和国的一切权力属于${BLANK}。人民行使国家权力的机关是${BLANK}和地方各级人民代表大会。`;

type Context = { app: TestApp; tokens: Record<string, string>; org: Record<string, number> };

for (const dialect of testDialects()) {
  const test = suite<Context>(`create a question [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes' });
    const db = context.app.running.deps.db;
    const orgs = await db.organization.findMany({ where: { code: { in: ['DEMO-E', 'DEMO-E-SFJ', 'DEMO-W'] } } });
    context.org = Object.fromEntries(orgs.map((o) => [o.code, o.id]));
    context.tokens = {
      cadre: await context.app.tokenFor({ phone: '13900000011' }),
      cadreWest: await context.app.tokenFor({ phone: '13900000021' }),
      organiserEast: await context.app.tokenFor({ username: 'organiser-east' }),
      organiserWest: await context.app.tokenFor({ username: 'organiser-west' }),
      bureau: await context.app.tokenFor({ username: 'bureau' }),
      admin: await context.app.tokenFor({ username: 'admin' }),
    };
  });
  test.after(async ({ app }) => app.close());

  const questionCount = (app: TestApp) => app.running.deps.db.question.count();

  test('an organiser creates a question for their own county: version 1, visible there, 404 in another county', async ({ app, tokens, org }) => {
    const created = await app.call('POST', '/api/questions', { token: tokens.organiserEast, body: fillQuestion(eastStem) });
    assert.is(created.status, 201, JSON.stringify(created.body));
    const question = created.body.data;
    assert.equal(question.owner, { kind: 'organization', organizationId: org['DEMO-E'], organizationName: '东城县' });
    assert.is(question.version, 1);
    assert.is(question.blanks, 2);
    assert.equal(question.answer, [['人民'], ['全国人民代表大会', '全国人大']]);
    assert.match(question.externalId, /^local-[0-9a-f]{10}$/);

    const versions = await app.call('GET', `/api/questions/${question.id}/versions`, { token: tokens.organiserEast });
    assert.equal(versions.body.data.map((v: { version: number; createdBy: { name: string } }) => [v.version, v.createdBy.name]), [[1, '吴组织']]);
    const own = await app.call('GET', '/api/questions?owner=organization', { token: tokens.cadre });
    assert.equal(own.body.data.map((q: { id: number }) => q.id), [question.id]);
    const audit = await app.running.deps.db.auditLog.findFirst({ where: { action: 'question.create', subjectId: String(question.id) } });
    assert.is(audit?.organizationId, org['DEMO-E']);

    assert.is((await app.call('GET', `/api/questions/${question.id}/full`, { token: tokens.organiserWest })).status, 404);
    assert.is((await app.call('GET', `/api/questions/${question.id}`, { token: tokens.cadreWest })).status, 404);
    const westList = await app.call('GET', '/api/questions?owner=organization', { token: tokens.organiserWest });
    assert.equal(westList.body.data, []);
    assert.is((await app.call('PUT', `/api/questions/${question.id}`, { token: tokens.organiserWest, body: fillQuestion(eastStem) })).status, 404);
  });

  test('a unit inside the organiser\'s county may own it; another county or a missing unit is a 404 and nothing is written', async ({ app, tokens, org }) => {
    const unit = await app.call('POST', '/api/questions', { token: tokens.organiserEast, body: { ...fillQuestion(`东城县司法局自编：一切权力属于${BLANK}，国家权力机关是${BLANK}。`), organizationId: org['DEMO-E-SFJ'] } });
    assert.is(unit.status, 201);
    assert.is(unit.body.data.owner.organizationName, '东城县司法局');
    const before = await questionCount(app);
    const foreign = await app.call('POST', '/api/questions', { token: tokens.organiserEast, body: { ...fillQuestion(eastStem), organizationId: org['DEMO-W'] } });
    assert.is(foreign.status, 404);
    const missing = await app.call('POST', '/api/questions', { token: tokens.organiserEast, body: { ...fillQuestion(eastStem), organizationId: 999_999 } });
    assert.is(missing.status, 404);
    assert.is(await questionCount(app), before);
  });

  test('cadres and bureau reviewers may not create questions', async ({ app, tokens }) => {
    const before = await questionCount(app);
    assert.is((await app.call('POST', '/api/questions', { body: fillQuestion(eastStem) })).status, 401);
    assert.is((await app.call('POST', '/api/questions', { token: tokens.cadre, body: fillQuestion(eastStem) })).status, 403);
    assert.is((await app.call('POST', '/api/questions', { token: tokens.bureau, body: fillQuestion(eastStem) })).status, 403);
    assert.is(await questionCount(app), before);
  });

  test('a bad question is a 400 naming each field, and nothing is written', async ({ app, tokens }) => {
    const before = await questionCount(app);
    const bad = { ...fillQuestion('没有空格的填空题题干'), explanation: '短', citations: [{ law: 'xianfa', article: 999 }] };
    const response = await app.call('POST', '/api/questions', { token: tokens.organiserEast, body: bad });
    assert.is(response.status, 400);
    const paths = response.body.error.details.map((d: { path: string }) => d.path).sort();
    assert.equal(paths, ['body.answer', 'body.citations.0', 'body.explanation', 'body.stem']);
    const citation = response.body.error.details.find((d: { path: string }) => d.path === 'body.citations.0');
    assert.is(citation.message, '未找到所引条文：《中华人民共和国宪法》现行文本没有第 999 条');
    assert.is(await questionCount(app), before);
  });

  test('an administrator without an organisation writes to the national bank', async ({ app, tokens }) => {
    const created = await app.call('POST', '/api/questions', { token: tokens.admin, body: fillQuestion(`全国：一切权力属于${BLANK}，国家权力机关是${BLANK}。`) });
    assert.is(created.status, 201);
    assert.is(created.body.data.owner.kind, 'national');
    const row = await app.running.deps.db.question.findUniqueOrThrow({ where: { id: created.body.data.id } });
    assert.equal([row.ownerKey, row.organizationId], ['national', null]);
  });

  test.run();
}
