// 学·讲·述·考 task pages in miniprogram-simulate against a real server: the list, a task's detail
// with its evidence, recording a lecture with its material, and the 述法 report submitted,
// returned with a note, resubmitted and scored.
import './setup.ts';
import './wx-env.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detachAll, openPage, tap, textOf, until, type Opened } from './pages.ts';
import { signInAs, startMiniprogramServer, wxEnv, type MiniprogramServer } from './wx-env.ts';

type Context = { server: MiniprogramServer; organiser: string; bureau: string; eastId: number; campaignId: number };
type TaskRow = { id: number; requirement: { kind: string } };
const CADRE = '13900000011';
const REPORT_TEXT = '本人认真履行推进法治建设第一责任人职责，坚持重大决策前学法，'.repeat(3);

/** Files "in a WeChat chat" that wx.chooseMessageFile hands over (null = the cadre cancels). */
const chatFiles = join(tmpdir(), `xuefa-chat-${process.pid}`);
mkdirSync(chatFiles, { recursive: true });
let offered: string | null = null;
Object.assign(wx, {
  chooseMessageFile: (options: { success?: (r: { tempFiles: Array<{ path: string; name: string; size: number }> }) => void; fail?: (e: { errMsg: string }) => void }) => {
    setTimeout(() => (offered ? options.success?.({ tempFiles: [{ path: offered, name: offered.split('/').at(-1)!, size: 10 }] }) : options.fail?.({ errMsg: 'chooseMessageFile:fail cancel' })), 0);
  },
});
function offerFile(name: string, content: string) {
  offered = join(chatFiles, name);
  writeFileSync(offered, content);
}

const tasksOf = async (c: Context) => (await c.server.app.call('GET', '/api/my/tasks?pageSize=50', { token: wxEnv.storage.get('xuefa.token') as string })).body.data as TaskRow[];
const taskOfKind = async (c: Context, kind: string) => (await tasksOf(c)).find((t) => t.requirement.kind === kind)!;
const input = (page: Opened, selector: string, value: string) => page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });

const tasks = suite<Context>('pkg-tasks', {} as Context);
tasks.before(async (c) => {
  c.server = await startMiniprogramServer();
  const app = c.server.app;
  c.organiser = await app.tokenFor({ username: 'organiser-east' });
  c.bureau = await app.tokenFor({ username: 'bureau' });
  c.eastId = (await app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
  const now = app.clock.now().getTime();
  const day = 86_400_000;
  const campaign = await app.call('POST', '/api/campaigns', { token: c.organiser, body: {
    organizationId: c.eastId, name: '年度领导干部学法用法', period: '本年度', startsAt: new Date(now - 10 * day).toISOString(), endsAt: new Date(now + 90 * day).toISOString(),
    audience: { organizationIds: [c.eastId], keyMinorityOnly: true },
    requirements: [
      { kind: 'study', title: '学法 30 分钟', params: { minutes: 30 }, dueAt: new Date(now + 30 * day).toISOString() },
      { kind: 'meeting', title: '会前学法', params: { count: 1 }, dueAt: new Date(now + 40 * day).toISOString() },
      { kind: 'lecture', title: '年度讲法', params: { count: 1 }, dueAt: new Date(now + 50 * day).toISOString() },
      { kind: 'report', title: '年度述法', params: { rubric: [{ name: '学法用法', maxScore: 40 }, { name: '依法决策', maxScore: 60 }] }, dueAt: new Date(now + 60 * day).toISOString() },
    ],
  } });
  if (campaign.status !== 201) throw new Error(JSON.stringify(campaign.body));
  c.campaignId = campaign.body.data.id;
});
tasks.before.each(async (c) => { wxEnv.reset(); offered = null; await signInAs(c.server, { phone: CADRE }); });
tasks.after.each(detachAll);
tasks.after(async (c) => c.server.close());

tasks('the list shows every task with its state, deadline and what is missing; a tap opens it', async (c) => {
  const page = await openPage('pkg-tasks/list/index');
  await until(() => page.data.status === 'ready', 'tasks loaded');
  assert.is(page.data.open.length, 4);
  const text = textOf(page);
  for (const words of ['学法 30 分钟', '还需学习 30 分钟', '会前学法', '年度讲法', '年度述法', '尚未提交述法报告', '未开始', '0/30 分钟']) assert.match(text, words);
  const report = await taskOfKind(c, 'report');
  await tap(page, `.task-${report.id}`);
  assert.equal(wxEnv.lastNavigation(), { kind: 'navigateTo', url: `/pkg-tasks/detail/index?id=${report.id}`, delta: undefined });
});

tasks('someone without tasks sees the empty state; a failed load offers a retry', async (c) => {
  await signInAs(c.server, { phone: '13900000013' }); // not 关键少数: no tasks
  const empty = await openPage('pkg-tasks/list/index');
  await until(() => empty.data.status !== 'loading', 'loaded');
  assert.is(empty.data.status, 'empty');
  assert.match(textOf(empty), '目前没有学讲述考任务');
  await signInAs(c.server, { phone: CADRE });
  wxEnv.offline = true;
  const failed = await openPage('pkg-tasks/list/index');
  await until(() => failed.data.status === 'error', 'failed', 10_000);
  wxEnv.offline = false;
  await tap(failed.querySelector('.page-state')!, '.state__retry', '.t-button');
  await until(() => failed.data.status === 'ready', 'reloaded');
});

tasks('each kind of task leads to where it is done, with the period\'s records', async (c) => {
  const app = c.server.app;
  const now = app.clock.now().getTime();
  const meeting = await app.call('POST', '/api/meetings', { token: c.organiser, body: {
    organizationId: c.eastId, topic: '常务会议会前学法：行政处罚法', place: '县政府第一会议室', creditMinutes: 45,
    startsAt: new Date(now - 5 * 60_000).toISOString(), endsAt: new Date(now + 60 * 60_000).toISOString(), inviteOrganizationIds: [c.eastId],
  } });
  const code = (await app.call('GET', `/api/meetings/${meeting.body.data.id}/qr`, { token: c.organiser })).body.data.code;
  assert.is((await app.call('POST', '/api/meetings/check-in', { token: wxEnv.storage.get('xuefa.token') as string, body: { code } })).status, 200);
  const records: Record<string, string> = { study: '本期还没有记录', meeting: '常务会议会前学法：行政处罚法' };
  const expected: Record<string, { text: string; kind: string; url: RegExp }> = {
    study: { text: '去学习', kind: 'switchTab', url: /^\/pages\/study\/index$/ },
    meeting: { text: '扫码签到', kind: 'navigateTo', url: /^\/pkg-tasks\/checkin\/index$/ },
    lecture: { text: '登记讲法', kind: 'navigateTo', url: /^\/pkg-tasks\/lecture\/index\?taskId=\d+&campaignId=\d+$/ },
    report: { text: '撰写述法报告', kind: 'navigateTo', url: /^\/pkg-tasks\/report\/index\?taskId=\d+$/ },
  };
  for (const [kind, want] of Object.entries(expected)) {
    const task = await taskOfKind(c, kind);
    const page = await openPage('pkg-tasks/detail/index', { id: String(task.id) });
    await until(() => page.data.status === 'ready', `${kind} detail`);
    assert.match(textOf(page), want.text);
    if (records[kind]) assert.match(textOf(page), records[kind]!);
    await tap(page, '.task-action', '.t-button');
    const navigation = wxEnv.lastNavigation()!;
    assert.is(navigation.kind, want.kind, kind);
    assert.match(navigation.url!, want.url);
  }
  const missing = await openPage('pkg-tasks/detail/index', { id: '999999' });
  await until(() => missing.data.status === 'error', 'unknown task');
  assert.match(textOf(missing), '任务不存在');
});

tasks('讲: a lecture is recorded with its material and awaits verification', async (c) => {
  const task = await taskOfKind(c, 'lecture');
  const page = await openPage('pkg-tasks/lecture/index', { taskId: String(task.id), campaignId: String(c.campaignId) });
  await tap(page, '.lecture-submit', '.t-button');
  assert.match(textOf(page), '请填写讲法题目');
  input(page, '.lecture-title', '行政复议法修订要点');
  input(page, '.lecture-audience', '35');
  offerFile('讲稿.pdf', '%PDF-1.4 讲稿');
  await tap(page, '.choose-file', '.t-button');
  await until(() => page.data.fileName === '讲稿.pdf', 'file chosen');
  await tap(page, '.lecture-submit', '.t-button');
  await until(() => wxEnv.lastNavigation()?.kind === 'navigateBack', 'submitted', 8000);
  const lectures = await c.server.app.running.deps.db.lecture.findMany({ where: { campaignId: c.campaignId } });
  assert.equal(lectures.map((l) => [l.title, l.audienceSize, l.materialName, l.status]), [['行政复议法修订要点', 35, '讲稿.pdf', 'pending']]);
  const detail = await openPage('pkg-tasks/detail/index', { id: String(task.id) });
  await until(() => detail.data.status === 'ready', 'detail');
  assert.match(textOf(detail), '行政复议法修订要点');
  assert.match(textOf(detail), '待核实');
  assert.match(textOf(detail), '已提交');
});

tasks('述: the report is submitted with a file, returned with a note, resubmitted and scored', async (c) => {
  const task = await taskOfKind(c, 'report');
  const open = async () => {
    const page = await openPage('pkg-tasks/report/index', { taskId: String(task.id) });
    await until(() => page.data.status === 'ready', 'report page');
    return page;
  };
  const db = c.server.app.running.deps.db;
  const first = await open();
  input(first, '.report-content', '太短了');
  await tap(first, '.report-submit', '.t-button');
  assert.match(textOf(first), '述法报告至少 50 字，现在 3 字');
  assert.is(await db.lawReport.count(), 0, 'nothing sent');
  input(first, '.report-content', REPORT_TEXT);
  offerFile('述法报告.docx', 'PK 述法报告');
  await tap(first, '.choose-file', '.t-button');
  await until(() => first.data.fileName === '述法报告.docx', 'file chosen');
  await tap(first, '.report-submit', '.t-button');
  await until(() => first.data.reportId > 0 && !first.data.saving, 'submitted', 8000);
  let report = await db.lawReport.findFirstOrThrow({ where: { requirement: { kind: 'report' } } });
  assert.equal([report.status, report.revision, report.attachmentName, report.content], ['submitted', 1, '述法报告.docx', REPORT_TEXT.trim()]);
  assert.match(textOf(first), '已提交，待审核');

  await c.server.app.call('POST', `/api/law-reports/${report.id}/review`, { token: c.bureau, body: { decision: 'return', note: '请补充依法决策的具体事例' } });
  const detail = await openPage('pkg-tasks/detail/index', { id: String(task.id) });
  await until(() => detail.data.status === 'ready', 'detail');
  assert.match(textOf(detail), '退回意见：请补充依法决策的具体事例');
  assert.match(textOf(detail), '修改后重新提交');

  const second = await open();
  assert.match(textOf(second), '退回意见：请补充依法决策的具体事例');
  assert.is(second.data.content, REPORT_TEXT.trim(), 'the returned text is there to edit');
  input(second, '.report-content', `${REPORT_TEXT}补充：重大行政决策均经合法性审查。`);
  await tap(second, '.report-submit', '.t-button');
  await until(() => second.data.report.returnNote === '' && !second.data.saving, 'resubmitted', 8000);
  report = await db.lawReport.findUniqueOrThrow({ where: { id: report.id } });
  assert.equal([report.status, report.revision], ['submitted', 2]);
  assert.match(report.content, '合法性审查');

  await c.server.app.call('POST', `/api/law-reports/${report.id}/review`, { token: c.bureau, body: { decision: 'score', scores: { 学法用法: 36, 依法决策: 52 } } });
  const scored = await open();
  const text = textOf(scored);
  assert.match(text, '总分 88');
  assert.match(text, '依法决策52/60');
  assert.is(scored.querySelector('.report-submit'), undefined, 'a scored report cannot be changed');
});

tasks.run();
