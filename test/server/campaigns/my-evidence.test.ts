// What the mini-program's task pages need from the server: a cadre's own 述法 reports (with the
// requirement they answer, a returned report's note), and uploads by POST as wx.uploadFile sends them.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

const REPORT_TEXT = '本人认真履行推进法治建设第一责任人职责，'.repeat(5);
type Context = { app: TestApp; cadre: string; otherCadre: string; bureau: string; taskId: number; requirementId: number };

for (const dialect of testDialects()) {
  const test = suite<Context>(`my 述法 reports and POST uploads [${dialect}]`, {} as Context);
  test.before(async (c) => {
    c.app = await startTestApp(dialect);
    const db = c.app.running.deps.db;
    const eastId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
    const organiser = await c.app.tokenFor({ username: 'organiser-east' });
    c.bureau = await c.app.tokenFor({ username: 'bureau' });
    c.cadre = await c.app.tokenFor({ phone: '13900000011' });
    const now = c.app.clock.now().getTime();
    const campaign = await c.app.call('POST', '/api/campaigns', { token: organiser, body: {
      organizationId: eastId, name: '年度述法', period: '本年度', startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 90 * 86_400_000).toISOString(),
      audience: { organizationIds: [eastId], keyMinorityOnly: true },
      requirements: [{ kind: 'report', title: '年度述法', params: { rubric: [{ name: '学法用法', maxScore: 100 }] }, dueAt: new Date(now + 60 * 86_400_000).toISOString() }],
    } });
    assert.is(campaign.status, 201, JSON.stringify(campaign.body));
    const task = (await c.app.call('GET', '/api/my/tasks', { token: c.cadre })).body.data[0];
    c.taskId = task.id;
    c.requirementId = task.requirement.id;
    const other = await db.user.findFirstOrThrow({ where: { isKeyMinority: true, phone: { not: '13900000011' }, organization: { code: { startsWith: 'DEMO-E' } } } });
    c.otherCadre = await c.app.tokenFor({ userId: other.id });
  });
  test.after(async ({ app }) => app.close());

  test('GET /api/my/law-reports needs a sign-in and lists only the cadre\'s own reports, with the requirement id', async (c) => {
    assert.is((await c.app.call('GET', '/api/my/law-reports')).status, 401);
    assert.equal((await c.app.call('GET', '/api/my/law-reports', { token: c.cadre })).body.data, []);
    const submitted = await c.app.call('PUT', '/api/law-reports', { token: c.cadre, body: { taskId: c.taskId, content: REPORT_TEXT } });
    const otherTask = (await c.app.call('GET', '/api/my/tasks', { token: c.otherCadre })).body.data[0];
    await c.app.call('PUT', '/api/law-reports', { token: c.otherCadre, body: { taskId: otherTask.id, content: REPORT_TEXT } });
    const mine = (await c.app.call('GET', '/api/my/law-reports', { token: c.cadre })).body.data;
    assert.equal(mine.map((r: { id: number }) => r.id), [submitted.body.data.id]);
    assert.is(mine[0].requirementId, c.requirementId);
    assert.is(mine[0].status, 'submitted');
  });

  test('a returned report shows its note to the cadre, filtered by status', async (c) => {
    const [report] = (await c.app.call('GET', '/api/my/law-reports', { token: c.cadre })).body.data;
    await c.app.call('POST', `/api/law-reports/${report.id}/review`, { token: c.bureau, body: { decision: 'return', note: '请补充依法决策的具体事例' } });
    const returned = (await c.app.call('GET', '/api/my/law-reports?status=returned', { token: c.cadre })).body.data;
    assert.equal(returned.map((r: { id: number; returnNote: string }) => [r.id, r.returnNote]), [[report.id, '请补充依法决策的具体事例']]);
    assert.equal((await c.app.call('GET', '/api/my/law-reports?status=scored', { token: c.cadre })).body.data, []);
  });

  test('a report attachment and a lecture material can be uploaded by POST, and only by their owner', async (c) => {
    const [report] = (await c.app.call('GET', '/api/my/law-reports', { token: c.cadre })).body.data;
    const attached = await c.app.call('POST', `/api/law-reports/${report.id}/attachment`, { token: c.cadre, upload: { name: '述法报告.docx', content: 'PK 述法' } });
    assert.is(attached.status, 200, JSON.stringify(attached.body));
    assert.is(attached.body.data.attachmentName, '述法报告.docx');
    assert.is((await c.app.call('POST', `/api/law-reports/${report.id}/attachment`, { token: c.otherCadre, upload: { name: 'x.pdf', content: 'x' } })).status, 404);
    const lecture = await c.app.call('POST', '/api/lectures', { token: c.cadre, body: { title: '宪法宣誓制度', givenAt: c.app.clock.now().toISOString(), audienceSize: 20 } });
    const material = await c.app.call('POST', `/api/lectures/${lecture.body.data.id}/material`, { token: c.cadre, upload: { name: '课件.pptx', content: 'PK 课件' } });
    assert.is(material.status, 200, JSON.stringify(material.body));
    assert.is(material.body.data.materialName, '课件.pptx');
  });

  test.run();
}
