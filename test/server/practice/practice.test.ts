// Practice over HTTP with the whole national bank: every mode and its filters, answer checking
// for each type, the 错题本 (FSRS cards, due reviews, leeches), favourites, and privacy between cadres.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { shippedQuestions } from '../../../server/src/bank/seed.ts';
import type { Question } from '../../../server/src/bank/question-format.ts';
import { saveQuestions } from '../../../server/src/questions/store.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// 10:00 in Beijing; the daily question is pinned to a known date so the test is deterministic.
const START = new Date('2025-06-02T02:00:00Z');

const bank = new Map(shippedQuestions().map((q) => [q.id, q]));
const cadres = {
  wang: { phone: '13900000011' }, // 王建国, 东城县人民政府办公室
  li: { phone: '13900000012' }, // 李卫东, 东城县公安局
  zhao: { phone: '13900000013' }, // 赵敏, 东城县公安局
  sun: { phone: '13900000021' }, // 孙丽华, 西山县自然资源局
  qian: { phone: '13900000022' }, // 钱志强, 西山县交通运输局
  chen: { phone: '13900000023' }, // 陈静, 西山县交通运输局
  liu: { phone: '13900000031' }, // 刘明, 示范市市场监督管理局
};
type Cadre = keyof typeof cadres;

const ownQuestion = (id: string, stem: string, answer: boolean): Question => ({
  id, type: 'judge', stem, answer, explanation: '依据宪法第五条第一款，中华人民共和国实行依法治国，建设社会主义法治国家。',
  citations: [{ law: 'xianfa', article: 5, paragraph: 1 }], difficulty: 1, tags: [],
});

const eastV1 = ownQuestion('east-001', '东城县自编：中华人民共和国实行依法治国。', true);
const eastV2 = ownQuestion('east-001', '东城县自编（修订）：中华人民共和国实行人治。', false);
const west = ownQuestion('west-001', '西山县自编：中华人民共和国实行依法治国。', true);
/** Every question a mode may serve, by external id: the shipped bank and the counties' own (current versions). */
const known = new Map([...bank, [eastV2.id, eastV2], [west.id, west]]);

type Item = { kind: string; id: number; versionId: number; externalId: string; type: string; difficulty: number; citations: Array<{ law: string; article: number }>; [key: string]: unknown };
type Context = { app: TestApp; tokens: Record<Cadre, string>; eastId: number; eastV1: number; eastV2: number; westId: number };

for (const dialect of testDialects()) {
  const test = suite<Context>(`practice API [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'full', ACCESS_TOKEN_TTL_HOURS: '2160' }); // tokens outlive the review intervals the clock jumps through
    context.app.clock.set(START);
    const db = context.app.running.deps.db;
    const org = async (code: string) => ({ kind: 'organization' as const, organizationId: (await db.organization.findUniqueOrThrow({ where: { code } })).id });
    // The east question gets a second version that flips the key, so answers can be told apart by version.
    await saveQuestions(db, [eastV1], { owner: await org('DEMO-E'), actorId: null });
    await saveQuestions(db, [eastV2], { owner: await org('DEMO-E'), actorId: null });
    await saveQuestions(db, [west], { owner: await org('DEMO-W'), actorId: null });
    const east = await db.question.findFirstOrThrow({ where: { externalId: 'east-001' }, include: { versions: { orderBy: { version: 'asc' } } } });
    context.eastId = east.id;
    [context.eastV1, context.eastV2] = east.versions.map((v) => v.id) as [number, number];
    context.westId = (await db.question.findFirstOrThrow({ where: { externalId: 'west-001' } })).id;
    context.tokens = Object.fromEntries(await Promise.all(Object.entries(cadres).map(async ([name, who]) => [name, await context.app.tokenFor(who)]))) as Record<Cadre, string>;
  });
  test.after(async ({ app }) => app.close());

  const practise = async (app: TestApp, token: string, query: string) => {
    const response = await app.call('GET', `/api/practice/questions?${query}`, { token });
    assert.is(response.status, 200, `${query}: ${JSON.stringify(response.body).slice(0, 200)}`);
    return response.body.data as Item[];
  };
  const answer = (app: TestApp, token: string, item: { id: number; versionId: number }, response: unknown, mode = 'random') =>
    app.call('POST', '/api/practice/answers', { token, body: { questionId: item.id, versionId: item.versionId, response, mode } });
  const shipped = (item: Item) => known.get(item.externalId)!;
  const cites = (item: Item, law: string, from: number, to: number) => item.citations.some((c) => c.law === law && c.article >= from && c.article <= to);
  const ids = (items: Array<{ id: number }>) => items.map((item) => item.id);
  const cardOf = (app: TestApp, phone: string, questionId: number) =>
    app.running.deps.db.reviewCard.findFirstOrThrow({ where: { questionId, user: { phone } } });

  /** No public item may carry the key or the explanation, under any name. */
  function assertPublic(items: Item[]) {
    for (const item of items) {
      assert.not.ok('answer' in item || 'explanation' in item || 'key' in item, JSON.stringify(item));
      const question = known.get(item.externalId)!;
      assert.not.ok(JSON.stringify(item).includes(question.explanation), 'explanation text leaked');
    }
  }

  function rightResponse(question: Question): unknown {
    if (question.type === 'multiple') return [...(question.answer as string[])].reverse();
    if (question.type === 'fill') return (question.answer as string[][]).map((alternatives) => alternatives[0]);
    return question.answer;
  }

  function wrongResponse(question: Question): unknown {
    switch (question.type) {
      case 'single': return question.options!.find((o) => o.key !== question.answer)!.key;
      case 'multiple': return [(question.answer as string[])[0]];
      case 'judge': return !question.answer;
      case 'fill': return (question.answer as string[][]).map(() => '不知道');
    }
  }

  test('the daily question is shared within a unit, differs between units, and changes with the Beijing day', async ({ app, tokens }) => {
    const daily = async (who: Cadre) => {
      const items = await practise(app, tokens[who], 'mode=daily&count=5');
      assert.is(items.length, 1, 'exactly one question, whatever the count');
      assert.is(items[0]!.kind, 'question');
      assert.is((items[0]!.owner as { kind: string }).kind, 'national');
      assertPublic(items);
      return items[0]!.id;
    };
    const today = await daily('li');
    assert.is(await daily('zhao'), today, '李卫东 and 赵敏 work in the same unit');
    assert.is.not(await daily('wang'), today, '王建国 works in another unit');
    app.clock.advance(12 * HOUR); // 22:00 in Beijing: still the same day
    assert.is(await daily('li'), today);
    app.clock.advance(3 * HOUR); // 01:00 the next day in Beijing, still the same UTC day
    const tomorrow = await daily('li');
    assert.is.not(tomorrow, today);
    assert.is(await daily('zhao'), tomorrow);
    const refused = await app.call('GET', '/api/practice/questions?mode=daily&type=fill', { token: tokens.li });
    assert.is(refused.status, 400);
    assert.is(refused.body.error.details[0].path, 'query.type');
  });

  test('statute, chapter, range and type modes serve only questions matching their filters', async ({ app, tokens }) => {
    const range = await practise(app, tokens.wang, 'mode=range&statute=xianfa&from=1&to=10&count=50');
    const inRange = [...bank.values()].filter((q) => q.citations.some((c) => c.law === 'xianfa' && c.article <= 10)).length;
    assert.is(range.length, inRange + 1, 'the national questions and 东城县\'s own, which cites 宪法第五条');
    assert.ok(range.some((item) => item.externalId === 'east-001'));
    assert.ok(range.every((item) => item.kind === 'question' && cites(item, 'xianfa', 1, 10)), 'every item cites 宪法 1–10');
    const statute = await practise(app, tokens.wang, 'mode=statute&statute=xingzheng-xuke-fa&count=20');
    assert.is(new Set(ids(statute)).size, 20);
    assert.ok(statute.every((item) => cites(item, 'xingzheng-xuke-fa', 1, 9999)));
    const chapter = (await app.call('GET', '/api/statutes/xingzheng-chufa-fa')).body.data.chapters[4];
    const inChapter = await practise(app, tokens.wang, `mode=chapter&statute=xingzheng-chufa-fa&divisionId=${chapter.id}&count=50`);
    assert.ok(inChapter.length > 0);
    assert.ok(inChapter.every((item) => cites(item, 'xingzheng-chufa-fa', chapter.firstArticle, chapter.lastArticle)));
    const typed = await practise(app, tokens.wang, 'mode=type&type=fill&difficulty=2&count=50');
    assert.is(typed.length, [...bank.values()].filter((q) => q.type === 'fill' && q.difficulty === 2).length);
    assert.ok(typed.every((item) => item.type === 'fill' && item.difficulty === 2));
    const random = await practise(app, tokens.wang, 'mode=random');
    assert.is(new Set(ids(random)).size, 10, 'ten distinct questions by default');
    for (const items of [range, statute, inChapter, typed, random]) assertPublic(items);
  });

  test('a mode without what it needs, or with bad numbers, is a 400 naming the field', async ({ app, tokens }) => {
    const paths = async (query: string) => {
      const response = await app.call('GET', `/api/practice/questions?${query}`, { token: tokens.wang });
      assert.is(response.status, 400, query);
      assert.is(response.body.error.code, 'validation_failed');
      assert.ok(response.body.error.details.every((d: { message: string }) => /[\u4e00-\u9fa5]/.test(d.message)), 'messages are Chinese');
      return response.body.error.details.map((d: { path: string }) => d.path).sort();
    };
    assert.equal(await paths('mode=chapter'), ['query.divisionId', 'query.statute']);
    assert.equal(await paths('mode=range&statute=xianfa&from=1'), ['query.to']);
    assert.equal(await paths('mode=range&statute=xianfa&from=9&to=2'), ['query.to']);
    assert.equal(await paths('mode=type'), ['query.type']);
    assert.equal(await paths('mode=random&from=3'), ['query.statute']);
    assert.equal(await paths('mode=random&count=51'), ['query.count']);
    assert.equal(await paths('mode=guess'), ['query.mode']);
    const unknown = await app.call('GET', '/api/practice/questions?mode=statute&statute=no-such-law', { token: tokens.wang });
    assert.is(unknown.status, 404);
  });

  test('filtered modes serve the questions the cadre has answered least', async ({ app, tokens }) => {
    const query = 'mode=range&statute=xianfa&from=20&to=25&count=50';
    const pool = await practise(app, tokens.qian, query);
    assert.ok(pool.length >= 5, `pool of ${pool.length}`);
    const [unanswered, answered] = [pool.slice(0, 2), pool.slice(2)];
    for (const item of answered) assert.is((await answer(app, tokens.qian, item, rightResponse(shipped(item)), 'range')).status, 200);
    for (let round = 0; round < 3; round++) {
      const picked = await practise(app, tokens.qian, query.replace('count=50', 'count=2'));
      assert.equal(ids(picked).sort(), ids(unanswered).sort());
    }
    const other = await practise(app, tokens.chen, query.replace('count=50', 'count=2'));
    assert.is(other.length, 2, 'another cadre\'s answers do not count');
  });

  test('memorize mode carries the key, the explanation and the current article text', async ({ app, tokens }) => {
    const items = await practise(app, tokens.wang, 'mode=memorize&statute=xingzheng-xuke-fa&count=5');
    assert.is(items.length, 5);
    for (const item of items) {
      const question = shipped(item);
      assert.is(item.kind, 'memorize');
      assert.equal(item.answer, question.answer);
      assert.is(item.explanation, question.explanation);
      const articles = item.articles as Array<{ law: string; number: number; label: string; statuteTitle: string; text: string }>;
      assert.equal(articles.map((a) => `${a.law}:${a.number}`), [...new Set(question.citations.map((c) => `${c.law}:${c.article}`))]);
      const first = articles[0]!;
      const official = (await app.call('GET', `/api/statutes/${first.law}/articles/${first.number}`)).body.data;
      assert.is(first.text, official.text);
      assert.is(first.label, official.label);
      assert.is(first.statuteTitle, official.statute.title);
    }
  });

  test('answers of every type are checked, with key, explanation and article text', async ({ app, tokens }) => {
    for (const type of ['single', 'multiple', 'judge', 'fill']) {
      const [right, wrong] = await practise(app, tokens.chen, `mode=type&type=${type}&count=2`);
      const good = await answer(app, tokens.chen, right!, rightResponse(shipped(right!)), 'type');
      assert.is(good.status, 200, JSON.stringify(good.body));
      assert.is(good.body.data.correct, true, type);
      assert.equal(good.body.data.key, shipped(right!).answer);
      assert.is(good.body.data.explanation, shipped(right!).explanation);
      assert.ok(good.body.data.citations.length > 0 && good.body.data.citations.every((c: { text: string | null }) => typeof c.text === 'string' && c.text.length > 0));
      assert.is(good.body.data.review, null, 'a right answer does not file a question in the 错题本');
      const bad = await answer(app, tokens.chen, wrong!, wrongResponse(shipped(wrong!)), 'type');
      assert.is(bad.body.data.correct, false, type);
      assert.equal(bad.body.data.key, shipped(wrong!).answer);
      assert.ok(bad.body.data.review, 'a wrong answer files it');
    }
    const db = app.running.deps.db;
    const recorded = await db.practiceAnswer.findMany({ where: { user: { phone: cadres.chen.phone }, mode: 'type' }, orderBy: { id: 'asc' } });
    assert.equal(recorded.map((r) => r.correct), [true, false, true, false, true, false, true, false]);
  });

  test('fill answers accept any alternative, with full-width and space variants', async ({ app, tokens }) => {
    const question = await app.running.deps.db.question.findFirstOrThrow({ where: { externalId: 'xingzheng-susong-fa-0122' }, include: { versions: { where: { isCurrent: true } } } });
    const item = { id: question.id, versionId: question.versions[0]!.id };
    const check = async (response: string[]) => (await answer(app, tokens.chen, item, response)).body.data.correct;
    assert.is(await check(['５ 日', ' 十五日 ']), true);
    assert.is(await check(['五日', '15日']), true);
    assert.is(await check(['十五日', '五日']), false, 'blanks are checked in order');
    const wrongCount = await answer(app, tokens.chen, item, ['五日']);
    assert.is(wrongCount.status, 400);
    assert.match(wrongCount.body.error.message, /应填写 2 个空/);
  });

  test('a bad response, a foreign version or an invisible question records nothing', async ({ app, tokens, eastId, eastV1, westId }) => {
    const db = app.running.deps.db;
    const before = await db.practiceAnswer.count();
    const [single] = await practise(app, tokens.sun, 'mode=type&type=single&count=1');
    const unknownKey = await answer(app, tokens.sun, single!, 'Z');
    assert.is(unknownKey.status, 400);
    assert.is(unknownKey.body.error.code, 'validation_failed');
    assert.match(unknownKey.body.error.message, /选项 Z 不存在/);
    assert.equal(unknownKey.body.error.details.map((d: { path: string }) => d.path), ['body.response']);
    const foreignVersion = await answer(app, tokens.sun, { id: single!.id, versionId: eastV1 }, 'A');
    assert.is(foreignVersion.status, 400);
    assert.equal(foreignVersion.body.error.details.map((d: { path: string }) => d.path), ['body.versionId']);
    assert.is((await answer(app, tokens.sun, { id: eastId, versionId: eastV1 }, false)).status, 404, '西山县 cannot see 东城县\'s question');
    assert.is((await answer(app, tokens.wang, { id: westId, versionId: eastV1 }, false)).status, 404);
    const nullResponse = await answer(app, tokens.sun, single!, null);
    assert.is(nullResponse.status, 400);
    assert.is(await db.practiceAnswer.count(), before);
    assert.is(await db.reviewCard.count({ where: { user: { phone: cadres.sun.phone } } }), 0);
  });

  test('an answer is graded against the version shown, current or earlier', async ({ app, tokens, eastId, eastV1, eastV2 }) => {
    const onOld = await answer(app, tokens.wang, { id: eastId, versionId: eastV1 }, true);
    assert.is(onOld.status, 200);
    assert.is(onOld.body.data.correct, true, 'version 1 held the statement true');
    const onCurrent = await answer(app, tokens.wang, { id: eastId, versionId: eastV2 }, true);
    assert.is(onCurrent.body.data.correct, false, 'version 2 flipped it');
    const stored = await app.running.deps.db.practiceAnswer.findMany({ where: { questionVersion: { questionId: eastId } }, orderBy: { id: 'asc' } });
    assert.equal(stored.map((a) => a.questionVersionId), [eastV1, eastV2]);
  });

  test('a wrong answer files a card due soon; review mode serves due cards only, earliest first', async ({ app, tokens }) => {
    const picked = await practise(app, tokens.zhao, 'mode=statute&statute=xingzheng-fuyi-fa&count=3');
    const now = app.clock.now().getTime();
    for (const item of picked) {
      const response = await answer(app, tokens.zhao, item, wrongResponse(shipped(item)), 'statute');
      const due = new Date(response.body.data.review.due).getTime();
      assert.ok(due > app.clock.now().getTime() && due <= now + HOUR, `due soon: ${response.body.data.review.due}`);
      assert.equal([response.body.data.review.lapses, response.body.data.review.needsReading], [0, false]);
      app.clock.advance(1000); // so the three cards fall due one after the other
    }
    const mistakes = await app.call('GET', '/api/practice/mistakes', { token: tokens.zhao });
    assert.equal(mistakes.body.data.map((m: { questionId: number }) => m.questionId), ids(picked));
    assert.equal(mistakes.body.data.map((m: { question: { id: number } }) => m.question.id), ids(picked));
    assertPublic(mistakes.body.data.map((m: { question: Item }) => m.question));
    assert.equal(await practise(app, tokens.zhao, 'mode=review'), [], 'nothing is due yet');
    app.clock.advance(20 * MINUTE);
    const due = await practise(app, tokens.zhao, 'mode=review');
    assert.equal(ids(due), ids(picked));
    assert.ok(due.every((item) => item.kind === 'question'));
    assertPublic(due);
    assert.equal(ids(await practise(app, tokens.zhao, 'mode=review&count=2')), ids(picked).slice(0, 2));
    const fixed = await answer(app, tokens.zhao, picked[0]!, rightResponse(shipped(picked[0]!)), 'review');
    assert.ok(new Date(fixed.body.data.review.due).getTime() > app.clock.now().getTime(), 'a right answer reschedules the card');
    assert.equal(ids(await practise(app, tokens.zhao, 'mode=review')), ids(picked).slice(1));
  });

  test('four lapses make a leech, served as its article until the cadre has read it', async ({ app, tokens }) => {
    const [item] = await practise(app, tokens.liu, 'mode=type&type=judge&count=1');
    const question = shipped(item!);
    const card = () => cardOf(app, cadres.liu.phone, item!.id);
    let last = await answer(app, tokens.liu, item!, wrongResponse(question));
    for (let lapse = 1; lapse <= 4; lapse++) {
      // Right answers at each due time until the card has graduated to Review (state 2).
      for (let i = 0; i < 6 && (await card()).state !== 2; i++) {
        app.clock.set((await card()).due);
        await answer(app, tokens.liu, item!, rightResponse(question), 'review');
      }
      assert.is((await card()).state, 2, 'graduated to Review');
      app.clock.set((await card()).due);
      last = await answer(app, tokens.liu, item!, wrongResponse(question), 'review');
      assert.is(last.body.data.review.lapses, lapse);
      assert.is(last.body.data.review.needsReading, lapse === 4, `needsReading after lapse ${lapse}`);
    }
    app.clock.set(new Date(last.body.data.review.due));
    const [read] = await practise(app, tokens.liu, 'mode=review');
    assert.equal(Object.keys(read!).sort(), ['articles', 'kind', 'questionId']);
    assert.is(read!.kind, 'read');
    assert.is(read!.questionId, item!.id);
    const articles = read!.articles as Array<{ law: string; number: number; text: string }>;
    assert.equal(articles.map((a) => `${a.law}:${a.number}`), [...new Set(question.citations.map((c) => `${c.law}:${c.article}`))]);
    assert.ok(articles.every((a) => a.text.length > 0));
    const listed = (await app.call('GET', '/api/practice/mistakes', { token: tokens.liu })).body.data;
    assert.equal(listed.map((m: { needsReading: boolean; lapses: number }) => [m.needsReading, m.lapses]), [[true, 4]]);

    const done = await app.call('POST', '/api/practice/reading', { token: tokens.liu, body: { questionId: item!.id } });
    assert.is(done.status, 200);
    assert.is(done.body.data.needsReading, false);
    const [again] = await practise(app, tokens.liu, 'mode=review');
    assert.is(again!.kind, 'question');
    assert.is(again!.id, item!.id);
    const right = await answer(app, tokens.liu, again!, rightResponse(question), 'review');
    assert.is(right.body.data.review.needsReading, false, 'a right answer after reading does not send the cadre back');
    const other = await app.running.deps.db.question.findFirstOrThrow({ where: { organizationId: null, id: { not: item!.id } } });
    assert.is((await app.call('POST', '/api/practice/reading', { token: tokens.liu, body: { questionId: other.id } })).status, 404, 'not in 刘明\'s 错题本');
  });

  test('a mistake can be removed; a new wrong answer files it again', async ({ app, tokens }) => {
    const [item] = await practise(app, tokens.sun, 'mode=statute&statute=jiancha-fa&count=1');
    await answer(app, tokens.sun, item!, wrongResponse(shipped(item!)));
    const removed = await app.call('DELETE', `/api/practice/mistakes/${item!.id}`, { token: tokens.sun });
    assert.is(removed.status, 200);
    assert.is((await app.call('GET', '/api/practice/mistakes', { token: tokens.sun })).body.pagination.total, 0);
    app.clock.advance(DAY);
    assert.equal(await practise(app, tokens.sun, 'mode=review'), [], 'a removed card is not reviewed');
    assert.is((await app.call('DELETE', `/api/practice/mistakes/${item!.id}`, { token: tokens.sun })).status, 404);
    const right = await answer(app, tokens.sun, item!, rightResponse(shipped(item!)));
    assert.is(right.body.data.review, null, 'a right answer does not bring a removed card back');
    const wrong = await answer(app, tokens.sun, item!, wrongResponse(shipped(item!)));
    assert.ok(wrong.body.data.review);
    const listed = (await app.call('GET', '/api/practice/mistakes', { token: tokens.sun })).body.data;
    assert.equal(listed.map((m: { questionId: number }) => m.questionId), [item!.id]);
    assert.is((await cardOf(app, cadres.sun.phone, item!.id)).removedAt, null);
  });

  test('favourites are added idempotently, listed newest first, practised and removed', async ({ app, tokens, eastId, westId }) => {
    const [first, second] = await practise(app, tokens.wang, 'mode=statute&statute=xingzheng-xuke-fa&count=2');
    const put = (id: number) => app.call('PUT', `/api/practice/favourites/${id}`, { token: tokens.wang });
    const list = async () => (await app.call('GET', '/api/practice/favourites', { token: tokens.wang })).body;
    assert.is((await put(first!.id)).status, 200);
    assert.is((await put(first!.id)).status, 200);
    app.clock.advance(1000);
    assert.equal((await put(eastId)).body.data, { questionId: eastId, favourite: true });
    app.clock.advance(1000);
    await put(second!.id);
    const listed = await list();
    assert.equal(ids(listed.data), [second!.id, eastId, first!.id]);
    assert.is(listed.pagination.total, 3);
    assertPublic(listed.data);
    const practised = await practise(app, tokens.wang, 'mode=favourites&count=50');
    assert.equal(ids(practised).sort(), [first!.id, second!.id, eastId].sort());
    assertPublic(practised);
    assert.is((await put(westId)).status, 404, 'another county\'s question cannot be favourited');
    assert.is((await put(99_999_999)).status, 404);
    assert.is((await app.call('DELETE', `/api/practice/favourites/${first!.id}`, { token: tokens.wang })).status, 200);
    assert.is((await app.call('DELETE', `/api/practice/favourites/${first!.id}`, { token: tokens.wang })).status, 200);
    assert.equal(ids((await list()).data), [second!.id, eastId]);
  });

  test('another cadre never sees or changes someone else\'s practice data', async ({ app, tokens }) => {
    const wangCards = await app.running.deps.db.reviewCard.findMany({ where: { user: { phone: cadres.wang.phone } } });
    assert.ok(wangCards.length > 0, '王建国 has a 错题本 from earlier tests');
    const favourites = (await app.call('GET', '/api/practice/favourites', { token: tokens.li })).body;
    assert.is(favourites.pagination.total, 0);
    const mistakes = (await app.call('GET', '/api/practice/mistakes', { token: tokens.li })).body;
    assert.is(mistakes.pagination.total, 0);
    app.clock.advance(30 * DAY);
    assert.ok((await practise(app, tokens.wang, 'mode=review')).length > 0, '王建国 has cards due');
    assert.equal(await practise(app, tokens.li, 'mode=review'), []);
    assert.equal(await practise(app, tokens.li, 'mode=favourites'), []);
    const card = wangCards[0]!;
    assert.is((await app.call('DELETE', `/api/practice/mistakes/${card.questionId}`, { token: tokens.li })).status, 404);
    assert.is((await app.call('POST', '/api/practice/reading', { token: tokens.li, body: { questionId: card.questionId } })).status, 404);
    assert.is((await app.running.deps.db.reviewCard.findUniqueOrThrow({ where: { id: card.id } })).removedAt, null);
  });

  test.run();
}
