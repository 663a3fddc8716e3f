// GET /api/my/exams as the mini-program's exam list uses it: the attempt to continue while one is
// open, and the last submitted attempt whose result and review the cadre may open afterwards.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { createBlueprint, createExam, eastFixture } from './support.ts';

type Context = { app: TestApp; f: Awaited<ReturnType<typeof eastFixture>> };

for (const dialect of testDialects()) {
  const test = suite<Context>(`my exams [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full' });
    context.f = await eastFixture(context.app);
  });
  test.after(async ({ app }) => app.close());

  test('names the attempt in progress, then the last submitted one', async ({ app, f }) => {
    const blueprint = await createBlueprint(app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }] });
    const exam = await createExam(app, f.organiser, { blueprintId: blueprint.id, audience: { organizationIds: [f.eastId] }, attemptsAllowed: 2 });
    const mine = async () => (await app.call('GET', '/api/my/exams', { token: f.cadre })).body.data.find((e: { id: number }) => e.id === exam.id);
    assert.equal([(await mine()).state, (await mine()).lastSubmittedAttemptId], ['open', null]);
    const first = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre })).body.data;
    assert.equal([(await mine()).state, (await mine()).inProgressAttemptId, (await mine()).lastSubmittedAttemptId], ['in_progress', first.id, null]);
    await app.call('POST', `/api/attempts/${first.id}/submit`, { token: f.cadre });
    const second = (await app.call('POST', `/api/exams/${exam.id}/attempts`, { token: f.cadre })).body.data;
    await app.call('POST', `/api/attempts/${second.id}/submit`, { token: f.cadre });
    const after = await mine();
    assert.equal([after.state, after.inProgressAttemptId, after.lastSubmittedAttemptId, after.attemptsUsed], ['open', null, second.id, 2]);
    const other = (await app.call('GET', '/api/my/exams', { token: f.westCadre })).body.data;
    assert.not.ok(other.some((e: { id: number }) => e.id === exam.id), 'another county\'s cadre does not see it');
  });

  test.run();
}
