// A month of demo activity, so a newcomer's console shows a living county: study sessions sent
// through the real HTTP heartbeat path (most honest, some idle, in the background or speed
// reading, so the detector flags them), presence checks answered or missed, meetings with QR
// and hand-recorded attendance, and a campaign whose tasks end in different states. It drives
// the real API on a private in-process server whose clock walks through the past month; the
// choices come from a fixed-seed generator, so every start with the same "now" makes the same
// data. Seeded once (a marker meeting), never in production (SEED_DEMO is off there).
import type { Server } from 'node:http';
import type { AppDeps } from '../deps.ts';
import { createApp } from '../app.ts';
import { ManualClock } from '../clock.ts';
import { issueAccessToken } from '../auth/tokens.ts';
import { demoUsers } from './demo.ts';

const DAY_MS = 86_400_000;
const BEAT_MS = 30_000;
const SEED_IP = 'demo-seed';
/** The demo's first meeting marks the activity as seeded. */
export const MARKER_MEETING_TOPIC = '会前学法：《中华人民共和国行政复议法》修订要点';

type Pattern = 'honest' | 'idle' | 'background' | 'speed';
type Api = <T = any>(method: string, path: string, token: string, body?: unknown) => Promise<T>;

/** mulberry32: a tiny deterministic generator. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Beijing 09:00 of the day `days` before `now`. */
function morning(now: Date, days: number): Date {
  const beijingMidnight = Math.floor((now.getTime() + 8 * 3_600_000) / DAY_MS) * DAY_MS - 8 * 3_600_000;
  return new Date(beijingMidnight - days * DAY_MS + 9 * 3_600_000);
}

async function startPrivateServer(deps: AppDeps): Promise<{ api: Api; close(): Promise<void> }> {
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const address = server.address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  const api: Api = async (method, path, token, body) => {
    const response = await fetch(`${base}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json() as { ok: boolean; data?: unknown; error?: { message: string } };
    if (!json.ok) throw new Error(`demo seed: ${method} ${path} → ${response.status} ${json.error?.message}`);
    return json.data as never;
  };
  return { api, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

type Context = { deps: AppDeps; clock: ManualClock; api: Api; random: () => number; tokens: Map<string, string>; statutes: Array<{ slug: string; articles: number[] }> };

type Learner = { token: string; pattern: Pattern; sessionId: number; statute: { slug: string; articles: number[] }; beats: number; index: number };

async function openLearner(ctx: Context, phone: string, pattern: Pattern): Promise<Learner> {
  const token = ctx.tokens.get(phone)!;
  const statute = ctx.statutes[Math.floor(ctx.random() * ctx.statutes.length)]!;
  const session = await ctx.api<{ id: number }>('POST', '/api/study/sessions', token, { statute: statute.slug });
  return { token, pattern, sessionId: session.id, statute, beats: 16 + Math.floor(ctx.random() * 13), index: Math.floor(ctx.random() * Math.max(1, statute.articles.length - 60)) };
}

/** One heartbeat; what the cadre does depends on the pattern and on how far into the session it is. */
function beatOf(ctx: Context, learner: Learner, seq: number) {
  const stray = seq > 6 && seq <= 20;
  const idle = learner.pattern === 'idle' && stray;
  const background = learner.pattern === 'background' && stray;
  const speeding = learner.pattern === 'speed' && stray;
  if (speeding) learner.index += 4;
  else if (ctx.random() < 0.35) learner.index += 1;
  const taps = idle || background ? 0 : 1 + Math.floor(ctx.random() * 4);
  const scrolls = idle || background ? 0 : speeding ? 12 : 2 + Math.floor(ctx.random() * 5);
  // People pause unevenly: gaps spread over more than an order of magnitude.
  const gapsMs = Array.from({ length: Math.max(0, taps + scrolls - 1) }, () => Math.round(400 * Math.exp(ctx.random() * 3.2)));
  const article = learner.statute.articles[Math.min(learner.index, learner.statute.articles.length - 1)]!;
  return {
    seq, visibility: background ? 'background' : 'foreground', taps, scrolls, keys: 0, gapsMs,
    position: { statute: learner.statute.slug, article, scroll: Math.round(ctx.random() * 100) / 100 }, clientAt: ctx.clock.now().toISOString(),
  };
}

/**
 * The day's learners study side by side, beat by beat on the shared clock, so their heartbeats
 * share the server's group commits (one at a time, a month of beats took half a minute).
 */
async function studyTogether(ctx: Context, learners: Learner[]): Promise<void> {
  const longest = Math.max(...learners.map((l) => l.beats));
  for (let seq = 1; seq <= longest; seq++) {
    ctx.clock.advance(BEAT_MS);
    const beating = learners.filter((l) => seq <= l.beats);
    const acks = await Promise.all(beating.map((l) => ctx.api<{ presenceCheck: { id: number } | null }>('POST', `/api/study/sessions/${l.sessionId}/heartbeats`, l.token, beatOf(ctx, l, seq))));
    const checks = beating.flatMap((l, i) => (acks[i]!.presenceCheck && l.pattern === 'honest' ? [{ token: l.token, id: acks[i]!.presenceCheck!.id }] : []));
    if (checks.length) {
      ctx.clock.advance(6000 + Math.floor(ctx.random() * 8000));
      for (const check of checks) await answerCheck(ctx, check.token, check.id);
    }
    for (const l of beating) if (seq === l.beats) await ctx.api('POST', `/api/study/sessions/${l.sessionId}/end`, l.token);
  }
}

/** An attentive cadre reads the question and answers it (correctly) a few seconds later. */
async function answerCheck(ctx: Context, token: string, checkId: number): Promise<void> {
  const check = await ctx.deps.db.presenceCheck.findUniqueOrThrow({ where: { id: checkId }, select: { answerKey: true } });
  await ctx.api('POST', `/api/study/checks/${checkId}/answer`, token, { response: check.answerKey as string });
}

async function seedStudy(ctx: Context, now: Date, cadres: Array<{ phone: string }>): Promise<void> {
  for (let day = 29; day >= 1; day--) {
    ctx.clock.set(morning(now, day));
    const learners: Learner[] = [];
    for (const [position, cadre] of cadres.entries()) {
      // Each cadre studies on about a third of the days; one session in six strays.
      if (ctx.random() > 0.35) continue;
      const pattern: Pattern = ctx.random() < 0.83 ? 'honest' : (['idle', 'background', 'speed'] as const)[(day + position) % 3]!;
      learners.push(await openLearner(ctx, cadre.phone, pattern));
    }
    if (learners.length) await studyTogether(ctx, learners);
  }
}

async function seedMeetings(ctx: Context, now: Date, orgIds: Map<string, number>, userIds: Map<string, number>): Promise<void> {
  const organiser = ctx.tokens.get('13900000003')!;
  const east = orgIds.get('DEMO-E')!;
  const held = morning(now, 10);
  ctx.clock.set(new Date(held.getTime() - 3 * DAY_MS));
  const past = await ctx.api<{ id: number }>('POST', '/api/meetings', organiser, {
    organizationId: east, topic: MARKER_MEETING_TOPIC, statutes: ['xingzheng-fuyi-fa'], place: '东城县人民政府第一会议室',
    startsAt: held.toISOString(), endsAt: new Date(held.getTime() + 2 * 3_600_000).toISOString(), creditMinutes: 90, inviteOrganizationIds: [east], keyMinorityOnly: false,
  });
  ctx.clock.set(new Date(held.getTime() + 5 * 60_000));
  for (const phone of ['13900000011', '13900000012']) {
    const qr = await ctx.api<{ code: string }>('GET', `/api/meetings/${past.id}/qr`, organiser);
    await ctx.api('POST', '/api/meetings/check-in', ctx.tokens.get(phone)!, { code: qr.code });
    ctx.clock.advance(40_000);
  }
  await ctx.api('POST', `/api/meetings/${past.id}/attendance`, organiser, { userId: userIds.get('13900000013')!, reason: '手机没电，现场签到表已核对' });
  // The next one is tomorrow: its check-in page can be tried at once.
  const next = morning(now, -1);
  ctx.clock.set(now);
  await ctx.api('POST', '/api/meetings', organiser, {
    organizationId: east, topic: '会前学法：《中华人民共和国行政处罚法》专题', statutes: ['xingzheng-chufa-fa'], place: '东城县司法局三楼报告厅',
    startsAt: next.toISOString(), endsAt: new Date(next.getTime() + 2 * 3_600_000).toISOString(), creditMinutes: 60, inviteOrganizationIds: [east], keyMinorityOnly: false,
  });
}

async function seedCampaign(ctx: Context, now: Date, orgIds: Map<string, number>): Promise<void> {
  const organiser = ctx.tokens.get('13900000003')!;
  ctx.clock.set(morning(now, 30));
  await ctx.api('POST', '/api/campaigns', organiser, {
    organizationId: orgIds.get('DEMO-E')!, name: '东城县领导干部学法用法', period: '本月',
    startsAt: morning(now, 30).toISOString(), endsAt: morning(now, -30).toISOString(),
    audience: { organizationIds: [orgIds.get('DEMO-E')!], userIds: [], keyMinorityOnly: false },
    requirements: [
      { kind: 'study', title: '每月线上学法 60 分钟', params: { minutes: 60 }, dueAt: morning(now, 0).toISOString() },
      { kind: 'meeting', title: '参加会前学法 1 次', params: { count: 1 }, dueAt: morning(now, 0).toISOString() },
      { kind: 'lecture', title: '讲法 1 次', params: { count: 1 }, dueAt: morning(now, -20).toISOString() },
      { kind: 'report', title: '年度述法报告', params: { rubric: [{ name: '学法用法', maxScore: 50 }, { name: '依法决策', maxScore: 50 }] }, dueAt: morning(now, -20).toISOString() },
    ],
  });
}

/**
 * Seeds the month unless it is there already; returns whether it did. `now` is the real time
 * of the start: the activity lies in the 30 days before it.
 */
export async function seedDemoActivity(deps: AppDeps, now: Date): Promise<boolean> {
  const { db } = deps;
  if (await db.studyMeeting.count({ where: { topic: MARKER_MEETING_TOPIC } })) return false;
  const statutes = await db.statute.findMany({ select: { slug: true }, orderBy: { id: 'asc' }, take: 4 });
  if (!statutes.length) return false;
  const clock = new ManualClock(morning(now, 30));
  const seedDeps: AppDeps = { ...deps, clock, config: { ...deps.config, PRESENCE_CHECK_RATE: 1, PRESENCE_MIN_SPACING_SECONDS: 300 } };
  const users = await db.user.findMany({ where: { phone: { in: demoUsers.map((u) => u.phone) } }, select: { id: true, phone: true } });
  const userIds = new Map(users.map((u) => [u.phone!, u.id]));
  const orgIds = new Map((await db.organization.findMany({ where: { code: { startsWith: 'DEMO-' } }, select: { id: true, code: true } })).map((o) => [o.code, o.id]));
  const tokens = new Map<string, string>();
  for (const user of users) {
    const issued = await issueAccessToken(db, { userId: user.id, client: 'console', ttlHours: 24 * 90, meta: { requestId: 'demo-seed', ip: SEED_IP, userAgent: undefined }, now: clock.now() });
    tokens.set(user.phone!, issued.token);
  }
  const articles = await Promise.all(statutes.map(async (s) => ({
    slug: s.slug,
    articles: (await db.article.findMany({ where: { revision: { isCurrent: true, statute: { slug: s.slug } } }, select: { number: true }, orderBy: { number: 'asc' } })).map((a) => a.number),
  })));
  const server = await startPrivateServer(seedDeps);
  try {
    const ctx: Context = { deps: seedDeps, clock, api: server.api, random: generator(20261204), tokens, statutes: articles.filter((s) => s.articles.length > 0) };
    const cadres = demoUsers.filter((u) => u.roles.some((r) => r.role === 'cadre') && !u.username);
    await seedCampaign(ctx, now, orgIds);
    await seedStudy(ctx, now, cadres);
    await seedMeetings(ctx, now, orgIds, userIds);
  } finally {
    await server.close();
    await db.accessToken.deleteMany({ where: { ip: SEED_IP } });
  }
  return true;
}
