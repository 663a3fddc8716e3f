// 签到 in miniprogram-simulate against a real server: the code the console shows (taken from
// /api/meetings/{id}/qr as the organiser) scanned by the cadre, and each refusal shown plainly.
import './setup.ts';
import './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detachAll, openPage, tap, textOf, until } from './pages.ts';
import { signInAs, startMiniprogramServer, wxEnv, type MiniprogramServer } from './wx-env.ts';

type Context = { server: MiniprogramServer; organiser: string; eastId: number; cadreId: number };
const CADRE = '13900000011';

/** The camera: wx.scanCode reads whatever the test holds up (null = the cadre cancels). */
let heldUp: string | null = null;
let scans = 0;
Object.assign(wx, {
  scanCode: (options: { success?: (r: { result: string }) => void; fail?: (e: { errMsg: string }) => void }) => {
    scans++;
    setTimeout(() => (heldUp === null ? options.fail?.({ errMsg: 'scanCode:fail cancel' }) : options.success?.({ result: heldUp })), 0);
  },
});

async function createMeeting(c: Context, body: Record<string, unknown> = {}) {
  const now = c.server.app.clock.now().getTime();
  const created = await c.server.app.call('POST', '/api/meetings', { token: c.organiser, body: {
    organizationId: c.eastId, topic: '常务会议会前学法：行政复议法', place: '县政府第一会议室', creditMinutes: 45,
    startsAt: new Date(now - 5 * 60_000).toISOString(), endsAt: new Date(now + 60 * 60_000).toISOString(), inviteeIds: [c.cadreId], ...body,
  } });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  return created.body.data as { id: number; topic: string };
}

const codeOf = async (c: Context, meetingId: number) => (await c.server.app.call('GET', `/api/meetings/${meetingId}/qr`, { token: c.organiser })).body.data.code as string;

async function scan(code: string | null) {
  heldUp = code;
  const page = await openPage('pkg-tasks/checkin/index');
  await tap(page, '.scan', '.t-button');
  return page;
}

const checkin = suite<Context>('pkg-tasks/checkin', {} as Context);
checkin.before(async (c) => {
  c.server = await startMiniprogramServer();
  c.organiser = await c.server.app.tokenFor({ username: 'organiser-east' });
  const db = c.server.app.running.deps.db;
  c.eastId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
  c.cadreId = (await db.user.findUniqueOrThrow({ where: { phone: CADRE } })).id;
});
checkin.before.each(async (c) => { wxEnv.reset(); await signInAs(c.server, { phone: CADRE }); });
checkin.after.each(detachAll);
checkin.after(async (c) => c.server.close());

checkin('the current code from the console checks the cadre in once', async (c) => {
  const meeting = await createMeeting(c);
  const code = await codeOf(c, meeting.id);
  const page = await scan(code);
  await until(() => page.data.done !== null || page.data.failure !== null, 'checked in');
  assert.match(textOf(page), '签到成功');
  assert.match(textOf(page), meeting.topic);
  const attendance = await c.server.app.running.deps.db.attendance.findMany({ where: { meetingId: meeting.id } });
  assert.equal(attendance.map((a) => a.userId), [c.cadreId]);
  await tap(page, '.scan', '.t-button');
  await until(() => page.data.done?.again === true, 'second scan answered');
  assert.match(textOf(page), '您已签到过');
  assert.is(await c.server.app.running.deps.db.attendance.count({ where: { meetingId: meeting.id } }), 1);
});

checkin('an expired code is refused with the server\'s reason and what to do', async (c) => {
  const meeting = await createMeeting(c);
  const code = await codeOf(c, meeting.id);
  c.server.app.clock.advance(61_000);
  const page = await scan(code);
  await until(() => page.data.failure !== null, 'refused');
  const text = textOf(page);
  assert.match(text, '签到码已过期，请扫描现场最新的二维码');
  assert.match(text, '每 30 秒更换一次');
  assert.match(text, '重新扫码');
  assert.is(await c.server.app.running.deps.db.attendance.count({ where: { meetingId: meeting.id } }), 0);
});

checkin('someone not invited is told so', async (c) => {
  const other = await c.server.app.running.deps.db.user.findUniqueOrThrow({ where: { phone: '13900000012' } });
  const meeting = await createMeeting(c, { inviteeIds: [other.id] });
  const page = await scan(await codeOf(c, meeting.id));
  await until(() => page.data.failure !== null, 'refused');
  assert.match(textOf(page), '您不在本次学习活动的参加人员名单中');
  assert.match(textOf(page), '联系活动组织者');
});

checkin('outside the meeting\'s time is refused', async (c) => {
  const now = c.server.app.clock.now().getTime();
  const meeting = await createMeeting(c, { startsAt: new Date(now + 3 * 3_600_000).toISOString(), endsAt: new Date(now + 4 * 3_600_000).toISOString() });
  const page = await scan(await codeOf(c, meeting.id));
  await until(() => page.data.failure !== null, 'refused');
  assert.match(textOf(page), '不在本次学习活动的签到时间内');
});

checkin('a code that is not a meeting\'s is refused; cancelling the scanner does nothing', async () => {
  const page = await scan('https://example.com/not-a-code');
  await until(() => page.data.failure !== null, 'refused');
  assert.match(textOf(page), '签到码');
  const before = wxEnv.requests.length;
  const cancelled = await scan(null);
  assert.is(wxEnv.requests.length, before, 'nothing sent');
  assert.is(cancelled.data.failure, null);
  assert.ok(scans >= 2);
});

checkin('a code in the page query (scanned with WeChat\'s own scanner) checks in at once', async (c) => {
  const meeting = await createMeeting(c, { topic: '旁听庭审：行政诉讼案件' });
  const page = await openPage('pkg-tasks/checkin/index', { code: encodeURIComponent(await codeOf(c, meeting.id)) });
  await until(() => page.data.done !== null, 'checked in');
  assert.match(textOf(page), '旁听庭审：行政诉讼案件');
});

checkin('without a network the cadre is told to check it', async (c) => {
  const meeting = await createMeeting(c);
  const code = await codeOf(c, meeting.id);
  wxEnv.offline = true;
  const page = await scan(code);
  await until(() => page.data.failure !== null, 'failed');
  assert.match(textOf(page), '网络连接失败');
  assert.match(textOf(page), '请检查网络后重新扫码');
});

checkin.run();
