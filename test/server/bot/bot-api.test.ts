// The bot's API for people: the key, binding with an invitation, acting only for bound contacts
// and only as a cadre (practice into the 错题本, own tasks and exams), groups linked inside an
// organiser's scope, the daily question through the outbox, and the staff commands.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { botDailyQuestion } from '../../../server/src/jobs/bot-daily-question.ts';
import { enqueueNotifications } from '../../../server/src/notifications/outbox.ts';
import { saveQuestions } from '../../../server/src/questions/store.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { createBlueprint, createExam, eastFixture } from '../exams/support.ts';

const BOT_KEY = 'test-bot-key-0001';
const asBot = { headers: { 'x-bot-key': BOT_KEY } };
// 08:30 in Beijing: groups post at 09:00 by default.
const START = new Date('2026-03-02T00:30:00Z');
const MINUTE = 60_000;

type Context = { app: TestApp; keys: Record<string, string> };

for (const dialect of testDialects()) {
  const test = suite<Context>(`bot API [${dialect}]`, { keys: {} } as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { BOT_API_KEY: BOT_KEY, LOAD_BANK: 'full', NOTIFY_DAILY_BUDGET: '100' });
    context.app.clock.set(START);
  });
  test.after(async ({ app }) => app.close());

  /** Binds a demo person through an invitation issued by their organiser, as a cadre would in chat. */
  async function bind(c: Context, phone: string, organiser = 'organiser-east'): Promise<string> {
    const db = c.app.running.deps.db;
    const user = await db.user.findUniqueOrThrow({ where: { phone } });
    const invitation = await c.app.call('POST', `/api/users/${user.id}/invitations`, { token: await c.app.tokenFor({ username: organiser }) });
    const bound = await c.app.call('POST', '/api/bot/contacts', { ...asBot, body: { invitationCode: invitation.body.data.code } });
    assert.is(bound.status, 201, JSON.stringify(bound.body));
    return bound.body.data.contactKey;
  }
  const get = (c: Context, path: string) => c.app.call('GET', path, asBot);
  const post = (c: Context, path: string, body: unknown) => c.app.call('POST', path, { ...asBot, body });

  test('every bot route needs the key; an unbound contact key reaches nobody', async (c) => {
    const stranger = 'xf0123456789abcdef';
    const noKey = await c.app.call('GET', `/api/bot/contacts/${stranger}/tasks`);
    assert.equal([noKey.status, noKey.body.error.code], [401, 'bot_key_invalid']);
    const noKeyGroup = await c.app.call('POST', '/api/bot/groups', { body: { contactKey: stranger, roomKey: '群', unitCode: 'DEMO-E' } });
    assert.is(noKeyGroup.status, 401);
    for (const path of [`/api/bot/contacts/${stranger}/exams`, `/api/bot/contacts/${stranger}/messages`, `/api/bot/contacts/${stranger}/practice/questions?count=1`, `/api/bot/contacts/${stranger}`]) {
      const response = await get(c, path);
      assert.equal([response.status, response.body.error.code], [403, 'contact_unbound'], path);
    }
  });

  test('binding takes a valid invitation once and answers with a stable contact key', async (c) => {
    const wrong = await post(c, '/api/bot/contacts', { invitationCode: 'ZZZZZZZZ' });
    assert.equal([wrong.status, wrong.body.error.code], [400, 'invitation_invalid']);
    const db = c.app.running.deps.db;
    const user = await db.user.findUniqueOrThrow({ where: { phone: '13900000011' } });
    const invitation = await c.app.call('POST', `/api/users/${user.id}/invitations`, { token: await c.app.tokenFor({ username: 'organiser-east' }) });
    const first = await post(c, '/api/bot/contacts', { invitationCode: invitation.body.data.code });
    assert.is(first.status, 201);
    assert.match(first.body.data.contactKey, /^xf[0-9a-f]{16}$/);
    assert.is(first.body.data.name, '王建国');
    const again = await post(c, '/api/bot/contacts', { invitationCode: invitation.body.data.code });
    assert.equal([again.status, again.body.error.code], [400, 'invitation_invalid']);
    const me = await get(c, `/api/bot/contacts/${first.body.data.contactKey}`);
    assert.equal(me.body.data, { name: '王建国', organizationName: '东城县人民政府办公室', isStaff: false });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'bot.bind', actorId: user.id } });
    assert.equal(audit.details, { via: 'bot', method: 'invitation' });
    c.keys.wang = first.body.data.contactKey;
  });

  test('practice goes through the practice service: a wrong answer lands in the cadre\'s 错题本', async (c) => {
    const questions = await get(c, `/api/bot/contacts/${c.keys.wang}/practice/questions?statute=${encodeURIComponent('宪法')}&count=3`);
    assert.is(questions.status, 200, JSON.stringify(questions.body));
    assert.is(questions.body.data.length, 3);
    assert.ok(questions.body.data.every((q: { answer?: unknown }) => q.answer === undefined), 'no key before answering');
    const judge = questions.body.data[0];
    const db = c.app.running.deps.db;
    const key = (await db.questionVersion.findUniqueOrThrow({ where: { id: judge.versionId } })).answer;
    const otherOption = (keys: string[]) => (judge.options as Array<{ key: string }>).map((o) => o.key).find((k) => !keys.includes(k))!;
    const wrongResponse = judge.type === 'judge' ? !key : judge.type === 'single' ? otherOption([key as string])
      // A multiple-choice key may be every option: then one option short is the wrong answer.
      : judge.type === 'multiple' ? (otherOption(key as string[]) ? [otherOption(key as string[])] : (key as string[]).slice(1)) : Array(judge.blanks).fill('错误答案');
    const answered = await post(c, `/api/bot/contacts/${c.keys.wang}/practice/answers`, { questionId: judge.id, versionId: judge.versionId, response: wrongResponse, mode: 'statute' });
    assert.is(answered.status, 200, JSON.stringify(answered.body));
    assert.is(answered.body.data.correct, false);
    assert.equal(answered.body.data.key, key);
    const mistakes = await c.app.call('GET', '/api/practice/mistakes', { token: await c.app.tokenFor({ phone: '13900000011' }) });
    assert.equal(mistakes.body.data.map((m: { questionId: number }) => m.questionId), [judge.id]);
    const unknown = await get(c, `/api/bot/contacts/${c.keys.wang}/practice/questions?statute=${encodeURIComponent('不存在的法')}`);
    assert.equal([unknown.status, unknown.body.error.code], [400, 'validation_failed']);
    assert.match(unknown.body.error.message, '没有找到法规');
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'bot.practice.answer' } });
    assert.equal([audit.actorId, audit.details], [(await db.user.findUniqueOrThrow({ where: { phone: '13900000011' } })).id, { via: 'bot', questionId: judge.id, correct: false }]);
  });

  test('a staff member\'s contact acts with cadre powers only for own data; staff commands check scope', async (c) => {
    c.keys.organiser = await bind(c, '13900000003', 'admin');
    const me = await get(c, `/api/bot/contacts/${c.keys.organiser}`);
    assert.is(me.body.data.isStaff, true);
    // A unit's own question inside the organiser's review scope, outside what they practise as a cadre.
    const db = c.app.running.deps.db;
    const unit = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    await saveQuestions(db, [{ id: 'ga-001', type: 'judge', stem: '东城县公安局自编：中华人民共和国实行依法治国。', answer: true, explanation: '宪法第五条。', citations: [{ law: 'xianfa', article: 5, paragraph: 1 }], difficulty: 1, tags: [] }],
      { owner: { kind: 'organization', organizationId: unit.id }, actorId: null });
    const unitQuestion = await db.question.findFirstOrThrow({ where: { externalId: 'ga-001' }, include: { versions: true } });
    const answer = { questionId: unitQuestion.id, versionId: unitQuestion.versions[0]!.id, response: true, mode: 'random' };
    const asOrganiser = await post(c, `/api/bot/contacts/${c.keys.organiser}/practice/answers`, answer);
    assert.equal([asOrganiser.status, asOrganiser.body.error?.code], [404, 'not_found'], 'the bot acts with cadre powers, not the organiser\'s review scope');
    const viaApp = await c.app.call('POST', '/api/practice/answers', { token: await c.app.tokenFor({ username: 'organiser-east' }), body: answer });
    assert.is(viaApp.status, 200, 'the same person in the console app may');
    c.keys.li = await bind(c, '13900000012');
    const cadreLink = await post(c, '/api/bot/groups', { contactKey: c.keys.li, roomKey: '东城县学法群', unitCode: 'DEMO-E' });
    assert.equal([cadreLink.status, cadreLink.body.error.code], [403, 'forbidden']);
    const foreign = await post(c, '/api/bot/groups', { contactKey: c.keys.organiser, roomKey: '西山县学法群', unitCode: 'DEMO-W' });
    assert.equal([foreign.status, foreign.body.error.code], [404, 'not_found']);
    const badCron = await post(c, '/api/bot/groups', { contactKey: c.keys.organiser, roomKey: '东城县学法群', unitCode: 'DEMO-E', dailyCron: '0 25 * * *' });
    assert.equal([badCron.status, badCron.body.error.code], [400, 'validation_failed']);
    const linked = await post(c, '/api/bot/groups', { contactKey: c.keys.organiser, roomKey: '东城县学法群', unitCode: 'DEMO-E', answerMinutes: 60 });
    assert.is(linked.status, 200, JSON.stringify(linked.body));
    assert.equal(linked.body.data, { roomKey: '东城县学法群', organizationName: '东城县', dailyCron: '0 9 * * *', answerMinutes: 60, showRanking: false });
    assert.is(await c.app.running.deps.db.botGroup.count(), 1, 'the refused links saved nothing');
  });

  test('the daily question opens by schedule, is posted once through the outbox, and closes with a per-unit summary', async (c) => {
    const deps = c.app.running.deps;
    const before = await botDailyQuestion.run(deps, c.app.clock.now());
    assert.equal(before, { opened: 0, closed: 0 }, 'not before 09:00');
    assert.is((await get(c, `/api/bot/groups/daily?roomKey=${encodeURIComponent('东城县学法群')}`)).body.data, null);
    c.app.clock.set(new Date(START.getTime() + 31 * MINUTE));
    assert.equal(await botDailyQuestion.run(deps, c.app.clock.now()), { opened: 1, closed: 0 });
    assert.equal(await botDailyQuestion.run(deps, c.app.clock.now()), { opened: 0, closed: 0 }, 'a second run opens nothing');
    const claim = await post(c, '/api/bot/notifications/claim', { botId: 'bot-a', limit: 10 });
    const posts = claim.body.data.filter((n: { kind: string }) => n.kind === 'group_daily_question');
    assert.is(posts.length, 1);
    assert.is(posts[0].payload.roomKey, '东城县学法群');
    assert.is(posts[0].payload.question.answer, undefined, 'the key stays on the server');
    const current = await get(c, `/api/bot/groups/daily?roomKey=${encodeURIComponent('东城县学法群')}`);
    const round = current.body.data;
    assert.is(round.question.id, posts[0].payload.question.id);
    const key = (await deps.db.questionVersion.findUniqueOrThrow({ where: { id: round.question.versionId } })).answer as string | boolean | string[];
    const wrong = typeof key === 'boolean' ? !key : Array.isArray(key) ? (round.question.type === 'fill' ? ['错误答案'] : ['Z']) : key === 'A' ? 'B' : 'A';
    const room = '东城县学法群';
    const wangAnswer = await post(c, '/api/bot/groups/daily/answers', { roomKey: room, contactKey: c.keys.wang, response: key });
    assert.is(wangAnswer.body.data.recorded, true, JSON.stringify(wangAnswer.body));
    assert.equal(Object.keys(wangAnswer.body.data).sort(), ['closesAt', 'recorded'], 'no key in the reply');
    assert.is((await post(c, '/api/bot/groups/daily/answers', { roomKey: room, contactKey: c.keys.wang, response: wrong })).body.data.recorded, false, 'first answer counts');
    assert.is((await post(c, '/api/bot/groups/daily/answers', { roomKey: room, contactKey: c.keys.li, response: wrong })).body.data.recorded, true);
    const west = await bind(c, '13900000021', 'organiser-west');
    const outsider = await post(c, '/api/bot/groups/daily/answers', { roomKey: room, contactKey: west, response: key });
    assert.equal([outsider.status, outsider.body.error.code], [403, 'not_group_member']);
    c.app.clock.set(new Date(START.getTime() + 92 * MINUTE));
    assert.equal(await botDailyQuestion.run(deps, c.app.clock.now()), { opened: 0, closed: 1 });
    const late = await post(c, '/api/bot/groups/daily/answers', { roomKey: room, contactKey: c.keys.li, response: key });
    assert.equal([late.status, late.body.error.code], [409, 'daily_closed']);
    const summary = (await post(c, '/api/bot/notifications/claim', { botId: 'bot-a', limit: 10 })).body.data.find((n: { kind: string }) => n.kind === 'group_daily_summary');
    assert.ok(summary, 'summary queued');
    assert.equal(summary.payload.key, key);
    assert.is(summary.payload.ranking, null, 'no names unless the organiser turned the ranking on');
    const byUnit = Object.fromEntries(summary.payload.units.map((u: { organizationName: string; members: number; answered: number; correct: number }) => [u.organizationName, [u.members, u.answered, u.correct]]));
    assert.equal(byUnit['东城县人民政府办公室'], [1, 1, 1]);
    assert.equal(byUnit['东城县公安局'], [2, 1, 0]);
    const mistakes = await c.app.call('GET', '/api/practice/mistakes', { token: await c.app.tokenFor({ phone: '13900000012' }) });
    assert.ok(mistakes.body.data.some((m: { questionId: number }) => m.questionId === round.question.id), 'the wrong group answer is in the 错题本');
    // The posts are filed under the organiser who linked the group, but are not their messages.
    const organiserId = (await deps.db.user.findUniqueOrThrow({ where: { phone: '13900000003' } })).id;
    const own = await enqueueNotifications(deps.db, [{ userId: organiserId, kind: 'task_reminder', dedupeKey: 'own-after-group-posts', payload: { text: '本人提醒' }, channels: ['bot'] }], c.app.clock.now(), { dailyBudget: 1 });
    assert.is(own.queued, 1, 'group posts do not use up the organiser\'s own budget');
    const listed = await c.app.call('GET', '/api/my/notifications', { token: await c.app.tokenFor({ username: 'organiser-east' }) });
    assert.equal(listed.body.data.map((n: { kind: string }) => n.kind), ['task_reminder']);
  });

  test('with the ranking turned on, the next day\'s summary names those who answered correctly, in answer order', async (c) => {
    const deps = c.app.running.deps;
    const room = '东城县学法群';
    const relinked = await post(c, '/api/bot/groups', { contactKey: c.keys.organiser, roomKey: room, unitCode: 'DEMO-E', showRanking: true });
    assert.is(relinked.body.data.showRanking, true);
    c.app.clock.set(new Date(START.getTime() + 24 * 60 * MINUTE + 31 * MINUTE));
    assert.equal(await botDailyQuestion.run(deps, c.app.clock.now()), { opened: 1, closed: 0 });
    const round = (await get(c, `/api/bot/groups/daily?roomKey=${encodeURIComponent(room)}`)).body.data;
    const key = (await deps.db.questionVersion.findUniqueOrThrow({ where: { id: round.question.versionId } })).answer;
    for (const contactKey of [c.keys.li, c.keys.wang]) {
      const answered = await post(c, '/api/bot/groups/daily/answers', { roomKey: room, contactKey, response: key });
      assert.is(answered.body.data?.recorded, true, JSON.stringify(answered.body));
    }
    c.app.clock.set(new Date(Date.parse(round.closesAt) + MINUTE));
    assert.equal(await botDailyQuestion.run(deps, c.app.clock.now()), { opened: 0, closed: 1 });
    const claimed = (await post(c, '/api/bot/notifications/claim', { botId: 'bot-a', limit: 10 })).body.data;
    const summary = claimed.find((n: { kind: string; payload: { roundId: number } }) => n.kind === 'group_daily_summary' && n.payload.roundId === round.roundId);
    assert.equal(summary.payload.ranking, ['李卫东', '王建国']);
    c.app.clock.set(START);
  });

  test('exam reminders: staff only, to non-starters of an open exam in scope, once a day; claims carry the contact key', async (c) => {
    const f = await eastFixture(c.app);
    const blueprint = await createBlueprint(c.app, f.organiser, { organizationId: f.eastId, kind: 'random', rules: [{ type: 'judge', count: 2 }] });
    await createExam(c.app, f.organiser, { title: '东城县春季学法考试', blueprintId: blueprint.id, audience: { organizationIds: [f.eastId], keyMinorityOnly: true } });
    await c.app.call('POST', `/api/exams/${(await c.app.running.deps.db.exam.findFirstOrThrow({ where: { title: '东城县春季学法考试' } })).id}/attempts`, { token: await c.app.tokenFor({ phone: '13900000012' }) });
    const refused = await post(c, '/api/bot/staff/exam-reminders', { contactKey: c.keys.wang, examTitle: '春季' });
    assert.equal([refused.status, refused.body.error.code], [403, 'forbidden']);
    const reminded = await post(c, '/api/bot/staff/exam-reminders', { contactKey: c.keys.organiser, examTitle: '春季' });
    assert.is(reminded.status, 200, JSON.stringify(reminded.body));
    assert.equal(reminded.body.data, { examTitle: '东城县春季学法考试', notStarted: 1, queued: 1 });
    assert.equal((await post(c, '/api/bot/staff/exam-reminders', { contactKey: c.keys.organiser, examTitle: '春季' })).body.data.queued, 0);
    const claimed = (await post(c, '/api/bot/notifications/claim', { botId: 'bot-a', limit: 10 })).body.data.filter((n: { kind: string }) => n.kind === 'exam_bot_reminder');
    assert.is(claimed.length, 1);
    assert.equal(claimed[0].recipient, { name: '王建国', botContactKey: c.keys.wang });
  });

  test('campaign progress: staff only, by unit, inside their scope', async (c) => {
    const refused = await get(c, `/api/bot/staff/progress?contactKey=${c.keys.wang}&name=${encodeURIComponent('学法')}`);
    assert.equal([refused.status, refused.body.error.code], [403, 'forbidden']);
    const none = await get(c, `/api/bot/staff/progress?contactKey=${c.keys.organiser}&name=${encodeURIComponent('不存在')}`);
    assert.equal([none.status, none.body.error.code], [404, 'not_found']);
    const db = c.app.running.deps.db;
    const east = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } });
    const created = await c.app.call('POST', '/api/campaigns', {
      token: await c.app.tokenFor({ username: 'organiser-east' }),
      body: { organizationId: east.id, name: '2026 年度领导干部学法', period: '2026 年度', startsAt: '2025-12-31T16:00:00Z', endsAt: '2026-12-31T16:00:00Z',
        audience: { organizationIds: [east.id], keyMinorityOnly: true }, requirements: [{ kind: 'lecture', title: '讲法', params: { count: 1 }, dueAt: '2026-12-15T16:00:00Z' }] },
    });
    assert.is(created.status, 201, JSON.stringify(created.body));
    const progress = await get(c, `/api/bot/staff/progress?contactKey=${c.keys.organiser}&name=${encodeURIComponent('年度领导干部')}`);
    assert.is(progress.status, 200, JSON.stringify(progress.body));
    assert.is(progress.body.data.campaignName, '2026 年度领导干部学法');
    const units = progress.body.data.requirements[0].units.map((u: { organizationName: string; people: number; done: number }) => [u.organizationName, u.people, u.done]).sort();
    assert.equal(units, [['东城县人民政府办公室', 1, 0], ['东城县公安局', 1, 0]], 'the 关键少数 of the county, by unit; no names');
    const west = await bind(c, '13900000004', 'admin');
    const foreign = await get(c, `/api/bot/staff/progress?contactKey=${west}&name=${encodeURIComponent('年度领导干部')}`);
    assert.equal([foreign.status, foreign.body.error.code], [404, 'not_found'], 'another county\'s organiser cannot see it');
  });

  test('own tasks and exams are the cadre\'s own', async (c) => {
    const exams = await get(c, `/api/bot/contacts/${c.keys.wang}/exams`);
    assert.equal(exams.body.data.map((e: { title: string; state: string }) => [e.title, e.state]), [['东城县春季学法考试', 'open']]);
    const west = await c.app.running.deps.db.botContact.findFirstOrThrow({ where: { userId: (await c.app.running.deps.db.user.findUniqueOrThrow({ where: { phone: '13900000021' } })).id } });
    assert.equal((await get(c, `/api/bot/contacts/${west.contactKey}/exams`)).body.data, [], 'another county sees none of it');
    const tasks = await get(c, `/api/bot/contacts/${c.keys.wang}/tasks`);
    assert.equal(tasks.body.data.map((t: { campaign: { name: string }; requirement: { title: string } }) => [t.campaign.name, t.requirement.title]), [['2026 年度领导干部学法', '讲法']]);
    const zhaoKey = (await c.app.call('POST', '/api/bot/dev/contacts', { ...asBot, body: { phone: '13900000013' } })).body.data.contactKey;
    assert.equal((await get(c, `/api/bot/contacts/${zhaoKey}/tasks`)).body.data, [], 'not a 关键少数: no task of that campaign');
  });

  test('the development binding by phone is refused in production', async (c) => {
    const dev = await post(c, '/api/bot/dev/contacts', { phone: '13900000013' });
    assert.is(dev.status, 201);
    c.app.running.deps.config.devLoginEnabled = false;
    try {
      const refused = await post(c, '/api/bot/dev/contacts', { phone: '13900000013' });
      assert.equal([refused.status, refused.body.error.code], [403, 'forbidden']);
    } finally {
      c.app.running.deps.config.devLoginEnabled = true;
    }
  });

  test.run();
}
