// Presence checks generated from the article being read, answered within 60 s of server time;
// failed checks become flags; reviewers confirm or dismiss flags and the credit follows; the
// cadre can appeal; every decision is audited.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';
import { readerAnswer, wrongAnswer } from '../../support/presence.ts';
import { studier } from './support.ts';

type Context = { app: TestApp; cadre: string; bureau: string };

for (const dialect of testDialects()) {
  const test = suite<Context>(`presence checks and review [${dialect}]`, {} as Context);
  test.before(async (context) => {
    // Every foreground heartbeat without a pending check brings one, so the tests need no luck.
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full', PRESENCE_CHECK_RATE: '1', PRESENCE_MIN_SPACING_SECONDS: '0' });
    context.cadre = await context.app.tokenFor({ phone: '13900000011' });
    context.bureau = await context.app.tokenFor({ username: 'bureau' });
  });
  test.after(async ({ app }) => app.close());

  const keyOf = (app: TestApp, checkId: number) => readerAnswer(app.running.deps.db, checkId);

  test('a check asks which of six phrases is in the article on screen, built afresh, without its key, answered within 60 s', async ({ app, cadre }) => {
    const s = studier(app, cadre);
    await s.open();
    const beat = await s.beat({ article: 62 });
    const check = beat.body.data.presenceCheck;
    assert.ok(check, 'a check came with the heartbeat');
    assert.not.ok('answer' in check || 'answerKey' in check || 'explanation' in check);
    assert.is(check.type, 'single');
    assert.match(check.stem, /第62条/);
    assert.is(check.options.length, 6);
    const db = app.running.deps.db;
    const article = await db.article.findFirstOrThrow({ where: { number: 62, revision: { isCurrent: true, statute: { slug: 'xianfa' } } } });
    const onScreen = check.options.filter((o: { text: string }) => article.text.includes(o.text));
    assert.is(onScreen.length, 1, 'exactly one option is in the article on screen');
    const inBank = await db.questionVersion.count({ where: { isCurrent: true, stem: check.stem } });
    assert.is(inBank, 0, 'not a question from the public bank');
    assert.is(new Date(check.expiresAt).getTime() - app.clock.now().getTime(), 60_000);
    const bad = await app.call('POST', `/api/study/checks/${check.id}/answer`, { token: cadre, body: { response: 'G' } });
    assert.equal([bad.status, bad.body.error.code], [400, 'validation_failed']);
    const right = await app.call('POST', `/api/study/checks/${check.id}/answer`, { token: cadre, body: { response: onScreen[0].key } });
    assert.equal([right.status, right.body.data.correct], [200, true]);
    const twice = await app.call('POST', `/api/study/checks/${check.id}/answer`, { token: cadre, body: { response: true } });
    assert.is(twice.body.error.code, 'check_answered');
    const next = (await s.beat({ article: 62 })).body.data.presenceCheck;
    assert.not.equal(next.options.map((o: { text: string }) => o.text), check.options.map((o: { text: string }) => o.text), 'each check is drawn afresh');
    app.clock.advance(61_000);
    const late = await app.call('POST', `/api/study/checks/${next.id}/answer`, { token: cadre, body: { response: await keyOf(app, next.id) } });
    assert.equal([late.status, late.body.error.code], [409, 'check_expired']);
    await s.end();
  });

  test('failed checks make the time around them unverified, with a flag that explains itself', async ({ app, cadre }) => {
    const s = studier(app, cadre);
    await s.open();
    for (let i = 0; i < 12; i++) {
      const check = (await s.beat({ article: 10 })).body.data.presenceCheck;
      app.clock.advance(6_000); // a person takes a few seconds to find the phrase
      if (check && i >= 6) await app.call('POST', `/api/study/checks/${check.id}/answer`, { token: cadre, body: { response: await wrongAnswer(app.running.deps.db, check.id) } });
      else if (check) await app.call('POST', `/api/study/checks/${check.id}/answer`, { token: cadre, body: { response: await keyOf(app, check.id) } });
    }
    const ended = (await s.end()).body.data;
    const flag = ended.flags.find((f: { kind: string }) => f.kind === 'presence_failed');
    assert.ok(flag, JSON.stringify(ended.flags.map((f: { kind: string }) => f.kind)));
    assert.match(flag.explanation, /[\u4e00-\u9fa5]/);
    assert.is(ended.flags.length, 1, 'the wrong answers in a row are one episode, one flag');
    assert.ok(flag.evidence.wrong >= 5 && flag.evidence.checks === flag.evidence.wrong && flag.serious, JSON.stringify(flag));
    // Only the six beats of right answers (36 s each) can count.
    assert.ok(ended.creditedSeconds <= 6 * 36, `credited ${ended.creditedSeconds} s of 432 s observed`);
    assert.ok(ended.segments.some((seg: { kind: string }) => seg.kind === 'unverified'));
  });

  test('dismissing a flag restores its time, confirming removes it; the cadre can appeal; all audited', async ({ app, cadre, bureau }) => {
    const db = app.running.deps.db;
    const flag = await db.studyFlag.findFirstOrThrow({ where: { kind: 'presence_failed', user: { phone: '13900000011' } }, orderBy: { id: 'desc' } });
    const before = (await db.studySession.findUniqueOrThrow({ where: { id: flag.sessionId } })).creditedSeconds;
    const appeal = await app.call('POST', `/api/study/flags/${flag.id}/appeal`, { token: cadre, body: { note: '当时在会议室，网络不稳定' } });
    assert.equal([appeal.status, appeal.body.data.appealNote], [200, '当时在会议室，网络不稳定']);
    assert.is((await app.call('POST', `/api/study/flags/${flag.id}/appeal`, { token: cadre, body: { note: '再次申诉' } })).status, 409);
    const listed = await app.call('GET', '/api/study/flags?kind=presence_failed&status=open', { token: bureau });
    assert.ok(listed.body.data.some((f: { id: number }) => f.id === flag.id));
    const appealed = (await app.call('GET', '/api/study/flags?appealed=yes', { token: bureau })).body.data;
    const notAppealed = (await app.call('GET', '/api/study/flags?appealed=no', { token: bureau })).body.data;
    assert.ok(appealed.length >= 1 && appealed.every((f: { appealNote: string | null }) => f.appealNote !== null), 'appealed=yes: only appealed flags');
    assert.ok(appealed.some((f: { id: number }) => f.id === flag.id) && !notAppealed.some((f: { id: number }) => f.id === flag.id), 'this flag is among the appealed only');
    const dismissed = await app.call('POST', `/api/study/flags/${flag.id}/review`, { token: bureau, body: { decision: 'dismiss', note: '申诉属实' } });
    assert.is(dismissed.body.data.status, 'dismissed');
    const restored = (await db.studySession.findUniqueOrThrow({ where: { id: flag.sessionId } })).creditedSeconds;
    assert.ok(restored > before, `dismissed: ${before} → ${restored}`);
    await app.call('POST', `/api/study/flags/${flag.id}/review`, { token: bureau, body: { decision: 'confirm' } });
    const removed = (await db.studySession.findUniqueOrThrow({ where: { id: flag.sessionId } })).creditedSeconds;
    assert.ok(removed <= before, `confirmed: ${removed} ≤ ${before}`);
    const actions = (await db.auditLog.findMany({ where: { subjectType: 'study_flag', subjectId: String(flag.id) } })).map((a) => a.action).sort();
    assert.equal(actions, ['study.flag.appeal', 'study.flag.confirm', 'study.flag.dismiss']);
    const west = await app.tokenFor({ username: 'organiser-west' });
    assert.is((await app.call('POST', `/api/study/flags/${flag.id}/review`, { token: west, body: { decision: 'dismiss' } })).status, 404);
    assert.is((await app.call('POST', `/api/study/flags/${flag.id}/review`, { token: cadre, body: { decision: 'dismiss' } })).status, 403);
  });

  test('dismissing presence flags never credits time an open idle flag withholds', async ({ app, cadre, bureau }) => {
    const s = studier(app, cadre);
    await s.open();
    // Twenty minutes of an untouched screen: no interaction, no movement, no check answered.
    for (let i = 0; i < 40; i++) await s.beat({ article: 5, scroll: 0.5, taps: 0, scrolls: 0, gapsMs: [] });
    const ended = (await s.end()).body.data;
    const kinds = ended.flags.map((f: { kind: string }) => f.kind);
    assert.ok(kinds.includes('idle') && kinds.includes('presence_failed'), kinds.join());
    const db = app.running.deps.db;
    const presence = await db.studyFlag.findMany({ where: { sessionId: s.id, kind: 'presence_failed' } });
    for (const flag of presence) {
      const review = await app.call('POST', `/api/study/flags/${flag.id}/review`, { token: bureau, body: { decision: 'dismiss', note: '复核' } });
      assert.is(review.status, 200);
    }
    const after = (await db.studySession.findUniqueOrThrow({ where: { id: s.id } })).creditedSeconds;
    // The idle rule credits the first five minutes of a quiet stretch and no more.
    assert.ok(after <= 5 * 60 + 30, `after dismissing ${presence.length} presence flags: ${after} s of 1,200 s observed`);
    assert.ok(after >= 4 * 60, `the time only the presence flags withheld came back: ${after} s`);
  });

  test.run();

  // The spacing setting itself, which the suite above turns off to need no luck.
  const spacing = suite<Context>(`presence check spacing [${dialect}]`, {} as Context);
  spacing.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full', PRESENCE_CHECK_RATE: '1', PRESENCE_MIN_SPACING_SECONDS: '180' });
    context.cadre = await context.app.tokenFor({ phone: '13900000011' });
  });
  spacing.after(async ({ app }) => app.close());

  spacing('after a check, none comes until the minimum spacing has passed, then the next heartbeat brings one', async ({ app, cadre }) => {
    const s = studier(app, cadre);
    await s.open();
    const first = (await s.beat({ article: 62 })).body.data.presenceCheck;
    assert.ok(first, 'the first heartbeat brings a check at rate 1');
    assert.is((await app.call('POST', `/api/study/checks/${first.id}/answer`, { token: cadre, body: { response: await keyOf(app, first.id) } })).status, 200);
    const between = [];
    for (let i = 0; i < 5; i++) between.push((await s.beat({ article: 62 })).body.data.presenceCheck ?? null);
    assert.equal(between, [null, null, null, null, null], 'nothing within 150 s of the first check');
    const due = (await s.beat({ article: 62 })).body.data.presenceCheck;
    assert.ok(due, 'at 180 s the next check comes');
    await s.end();
  });

  spacing('a check let expire is asked again at the next heartbeat, as a wrong answer is: silence earns a bot nothing more', async ({ app, cadre }) => {
    const s = studier(app, cadre);
    await s.open();
    const first = (await s.beat({ article: 30 })).body.data.presenceCheck;
    assert.ok(first);
    assert.is((await s.beat({ article: 30 })).body.data.presenceCheck, null, 'none while one is in flight');
    const again = (await s.beat({ article: 30 }, 31_000)).body.data.presenceCheck;
    assert.ok(again, 'expired at 61 s: asked again despite the 180 s spacing');
    const wrong = await app.call('POST', `/api/study/checks/${again.id}/answer`, { token: cadre, body: { response: await wrongAnswer(app.running.deps.db, again.id) } });
    assert.is(wrong.body.data.correct, false);
    assert.ok((await s.beat({ article: 30 })).body.data.presenceCheck, 'a wrong answer is retried at once too');
    await s.end();
  });

  spacing.run();
}
