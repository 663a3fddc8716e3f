// The campaign jobs as the scheduler runs them: tasks for a new period with a message each,
// and reminders before deadlines — once per task and stage, nearest stage only.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { campaignTasks } from '../../../server/src/jobs/campaign-tasks.ts';
import { taskReminders } from '../../../server/src/jobs/task-reminders.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp };

for (const dialect of testDialects()) {
  const test = suite<Context>(`campaign jobs [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes', NOTIFY_DAILY_BUDGET: '10' });
    const { app } = context;
    app.clock.set(new Date('2027-03-20T01:00:00Z'));
    const east = await app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } });
    const created = await app.call('POST', '/api/campaigns', { token: await app.tokenFor({ username: 'organiser-east' }), body: {
      organizationId: east.id, name: '季度学法', period: '2027 年度', startsAt: '2026-12-31T16:00:00Z', endsAt: '2027-12-31T16:00:00Z',
      audience: { organizationIds: [east.id], keyMinorityOnly: true },
      requirements: [{ kind: 'meeting', title: '每季度会前学法', params: { count: 1 }, recurrence: '0 0 1 1,4,7,10 *' }],
    } });
    assert.is(created.status, 201);
  });
  test.after(async ({ app }) => app.close());

  const outbox = (app: TestApp, kind: string) => app.running.deps.db.notificationOutbox.findMany({ where: { kind }, orderBy: { id: 'asc' } });

  test('a reminder goes out at the nearest stage, once per task and stage', async ({ app }) => {
    const deps = app.running.deps;
    // Q1 ends 2027-04-01 00:00 Beijing time: 11 days ahead, no stage yet.
    assert.equal(await taskReminders.run(deps, app.clock.now()), { queued: 0, duplicates: 0, overBudget: 0 });
    app.clock.set(new Date('2027-03-26T01:00:00Z'));
    const week = await taskReminders.run(deps, app.clock.now());
    const people = await deps.db.taskInstance.count();
    assert.is(week.queued, people * 2, 'one per person on both channels');
    assert.is((await taskReminders.run(deps, app.clock.now())).queued, 0, 'the same stage never twice');
    app.clock.set(new Date('2027-03-31T01:00:00Z'));
    assert.is((await taskReminders.run(deps, app.clock.now())).queued, people * 2);
    const keys = (await outbox(app, 'task_reminder')).map((row) => row.dedupeKey.replace(/^task:\d+:/, '')).sort();
    assert.equal([...new Set(keys)], ['due-1d:bot', 'due-1d:wechat_subscribe', 'due-7d:bot', 'due-7d:wechat_subscribe']);
  });

  test('a new quarter creates its tasks and one message per new task', async ({ app }) => {
    const deps = app.running.deps;
    app.clock.set(new Date('2027-04-01T00:00:05Z'));
    const before = await deps.db.taskInstance.count();
    const summary = await campaignTasks.run(deps, app.clock.now());
    assert.is(summary.created, before, 'every member gets the new quarter\'s task');
    assert.is(summary.queued, before * 2);
    const again = await campaignTasks.run(deps, app.clock.now());
    assert.equal(again, { created: 0, queued: 0 });
    const message = (await outbox(app, 'task_new'))[0]!;
    assert.equal((message.payload as { subscribe: { data: { thing1: string } } }).subscribe.data.thing1, '每季度会前学法');
    const creationMessages = (await outbox(app, 'task_new')).filter((row) => (row.payload as { dueAt: string }).dueAt === '2027-03-31T16:00:00.000Z');
    assert.is(creationMessages.length, before * 2, 'tasks made when the campaign was created were announced too');
  });

  test.run();
}
