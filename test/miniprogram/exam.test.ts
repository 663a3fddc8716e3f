// The exam pages in miniprogram-simulate against a real server: the list, the start confirmation,
// the paper with its answer card, countdown and answer queue (autosaves, a killed app resumed, a
// network outage), submit, and the result with only what the review options allow.
import './setup.ts';
import './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detachAll, openPage, simulate, tap, textOf, until, type Opened } from './pages.ts';
import { signInAs, startMiniprogramServer, wxEnv, type MiniprogramServer } from './wx-env.ts';

type Context = { server: MiniprogramServer; organiser: string; eastId: number };
const CADRE = '13900000011';

async function createExam(c: Context, blueprint: Record<string, unknown>, exam: Record<string, unknown> = {}) {
  const app = c.server.app;
  const points = { single: 2, multiple: 4, judge: 1, fill: 3 };
  const bp = await app.call('POST', '/api/blueprints', { token: c.organiser, body: { name: '测试试卷', organizationId: c.eastId, kind: 'random', points, passMark: 1, timeLimitMinutes: 30, ...blueprint } });
  if (bp.status !== 201) throw new Error(JSON.stringify(bp.body));
  const now = app.clock.now().getTime();
  const created = await app.call('POST', '/api/exams', { token: c.organiser, body: {
    title: '宪法知识考试', blueprintId: bp.body.data.id, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString(),
    audience: { organizationIds: [c.eastId] }, ...exam,
  } });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  return created.body.data as { id: number; title: string };
}

const list = suite<Context>('pages/exam/index', {} as Context);
list.before(async (c) => {
  c.server = await startMiniprogramServer({ LOAD_BANK: 'full' });
  c.organiser = await c.server.app.tokenFor({ username: 'organiser-east' });
  c.eastId = (await c.server.app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
});
list.before.each(async (c) => { wxEnv.reset(); await signInAs(c.server, { phone: CADRE }); });
list.after.each(detachAll);
list.after(async (c) => c.server.close());

list('with no exams shows the empty state', async () => {
  const page = await openPage('pages/exam/index');
  await until(() => page.data.status !== 'loading', 'list loaded');
  assert.is(page.data.status, 'empty');
  assert.match(textOf(page), '目前没有需要参加的考试');
});

list('groups exams by state with window, rules and the next step', async (c) => {
  const open = await createExam(c, { rules: [{ type: 'judge', count: 2 }] }, { title: '开放中的考试' });
  const now = c.server.app.clock.now().getTime();
  await createExam(c, { rules: [{ type: 'judge', count: 2 }] }, { title: '下周的考试', opensAt: new Date(now + 7 * 86_400_000).toISOString(), closesAt: new Date(now + 8 * 86_400_000).toISOString() });
  const page = await openPage('pages/exam/index');
  await until(() => page.data.status === 'ready', 'list loaded');
  assert.equal(page.data.groups.map((g: { title: string }) => g.title), ['可参加', '未开始']);
  const text = textOf(page);
  assert.match(text, '开放中的考试');
  assert.match(text, '限时 30 分钟');
  assert.match(text, '已考 0/1 次');
  assert.match(text, '下周的考试');
  await tap(page, '.exam-action--start', '.t-button');
  assert.equal(wxEnv.lastNavigation(), { kind: 'navigateTo', url: `/pkg-exam/confirm/index?examId=${open.id}`, delta: undefined });
});

list('a server error shows the error state, and retry loads again', async (c) => {
  wxEnv.offline = true;
  const page = await openPage('pages/exam/index');
  await until(() => page.data.status !== 'loading', 'list failed', 10_000);
  assert.is(page.data.status, 'error');
  assert.match(textOf(page), '网络连接失败');
  wxEnv.offline = false;
  await tap(page.querySelector('.page-state')!, '.state__retry', '.t-button');
  await until(() => page.data.status === 'ready', 'list reloaded');
});

list.run();
