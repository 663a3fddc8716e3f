// 条文阅读 against a real server: the article, next/previous, font size, heartbeats with
// visibility and position, a presence check answered in the bottom sheet, and the end result.
import './setup.ts';
import { startMiniprogramServer, signInAs, wxEnv, type MiniprogramServer } from './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detachAll, openPage, stateView, tap, textOf, until } from './pages.ts';
import { answer, keyOfCheck } from './answers.ts';

type Context = { server: MiniprogramServer };
const reader = suite<Context>('pkg-study/article', {} as Context);
reader.before(async (context) => {
  context.server = await startMiniprogramServer({ LOAD_BANK: 'full', PRESENCE_CHECK_RATE: '1', PRESENCE_MIN_SPACING_SECONDS: '60' });
});
reader.after(async ({ server }) => server.close());
reader.before.each(async ({ server }) => {
  wxEnv.reset();
  await signInAs(server, { phone: '13900000011' });
});
reader.after.each(detachAll);

reader('shows the article, walks to the next one and back, and remembers the font size', async () => {
  const page = await openPage('pkg-study/article/index', { slug: 'xianfa', number: '2' });
  await until(() => page.data.status === 'ready' && page.data.sessionId > 0, 'article and session');
  assert.is(page.data.article.number, 2);
  assert.match(textOf(page), '第二条');
  await tap(page, '.next', '.t-button');
  await until(() => page.data.article?.number === 3, 'next article');
  await tap(page, '.previous', '.t-button');
  await until(() => page.data.article?.number === 2, 'previous article');
  await tap(page, '.font-larger', '.t-button');
  assert.is(page.data.fontSize, 40);
  assert.is(wxEnv.storage.get('xuefa.fontSize'), 40);
});

type Page = Awaited<ReturnType<typeof openPage>>;
const heartbeatsSent = () => wxEnv.requests.filter((r) => r.url.includes('/heartbeats')).map((r) => r.body as { seq: number; visibility: string; taps: number; position: { article: number } });

async function beat(server: MiniprogramServer, page: Page) {
  server.advance(30_000);
  await page.instance.sendHeartbeat();
}


/** Answers the open presence check right, through the sheet's question and submit button. */
async function answerCheck(server: MiniprogramServer, page: Page) {
  server.advance(6_000); // a person reads the question before answering
  await answer(page, page.data.check.question, await keyOfCheck(server, page.data.check.id), true);
  await tap(page, '.check__submit', '.t-button');
  await until(() => !page.data.check.visible, 'sheet closed');
}

reader('heartbeats carry sequence, visibility, interactions and position; a presence check is answered in the sheet; ending shows the credit', async ({ server }) => {
  const page = await openPage('pkg-study/article/index', { slug: 'xianfa', number: '5' });
  await until(() => page.data.status === 'ready' && page.data.sessionId > 0, 'article and session');
  page.instance.onInteract();
  page.instance.onInteract();
  await beat(server, page);
  await until(() => page.data.check.visible, 'presence check sheet');
  const [first] = heartbeatsSent();
  assert.equal([first!.seq, first!.visibility, first!.taps, first!.position.article], [1, 'foreground', 2, 5]);
  assert.match(textOf(page), '在线确认');
  assert.match(textOf(page), '剩余 60 秒');
  await answerCheck(server, page);
  assert.equal(wxEnv.toasts.at(-1), { title: '回答正确', icon: 'none' });
  const stored = await server.app.running.deps.db.presenceCheck.findUniqueOrThrow({ where: { id: page.data.check.id } });
  assert.is(stored.correct, true);

  wxEnv.appHide();
  await beat(server, page);
  wxEnv.appShow();
  for (let i = 0; i < 8; i++) {
    page.instance.onInteract();
    page.instance.onPageScroll({ scrollTop: 40 * i });
    await beat(server, page);
    if (page.data.check.visible) await answerCheck(server, page);
  }
  const sent = heartbeatsSent();
  assert.equal(sent.map((b) => b.seq), sent.map((_, i) => i + 1));
  // The beat after returning still covers time spent hidden; the one after is foreground again.
  assert.equal(sent.slice(1, 4).map((b) => b.visibility), ['background', 'background', 'foreground']);

  await tap(page, '.end', '.t-button');
  await until(() => page.data.ended !== null, 'end result');
  const session = await server.app.running.deps.db.studySession.findUniqueOrThrow({ where: { id: page.data.sessionId } });
  assert.is(session.status, 'closed');
  assert.ok(session.creditedSeconds > 0, `some time credited: ${JSON.stringify(page.data.ended)}`);
  assert.match(textOf(page), '本次学习已结束');
  assert.match(textOf(page), page.data.ended.credited);
});

reader('a heartbeat lost to the network says so; its interactions travel with the next one', async ({ server }) => {
  const page = await openPage('pkg-study/article/index', { slug: 'xianfa', number: '4' });
  await until(() => page.data.sessionId > 0, 'session');
  page.instance.onInteract();
  page.instance.onInteract();
  wxEnv.offline = true;
  await beat(server, page);
  assert.match(page.data.sessionText, '网络不畅');
  wxEnv.offline = false;
  page.instance.onInteract();
  await beat(server, page);
  assert.is(page.data.sessionText, '学习计时中');
  const delivered = heartbeatsSent().filter((_, i) => i > 0);
  assert.equal(delivered.map((b) => [b.seq, b.taps]), [[2, 3]], "the lost beat's taps are not lost");
  const stored = await server.app.running.deps.db.heartbeat.findMany({ where: { sessionId: page.data.sessionId } });
  assert.equal(stored.map((b) => [Number(b.seq), b.taps]), [[2, 3]]);
});

reader("a presence check left unanswered closes itself when the server's 60 s are up", async ({ server }) => {
  const page = await openPage('pkg-study/article/index', { slug: 'xianfa', number: '7' });
  await until(() => page.data.sessionId > 0, 'session');
  await beat(server, page);
  await until(() => page.data.check.visible, 'presence check sheet');
  // Only the server's clock moves (the phone's is wrong): the countdown follows the server clock offset learnt from each acknowledgement.
  server.app.clock.advance(61_000);
  page.instance.runtime().session.clock.observe({ sentAt: Date.now(), receivedAt: Date.now(), serverTime: server.app.clock.now().getTime() });
  page.instance.tickCheck();
  assert.is(page.data.check.visible, false);
  assert.equal(wxEnv.toasts.at(-1), { title: '在线确认已超时', icon: 'none' });
});

reader("an article that does not exist shows the server's message and a retry", async () => {
  const page = await openPage('pkg-study/article/index', { slug: 'xianfa', number: '9999' });
  await until(() => page.data.status === 'error', 'error state');
  assert.ok(stateView(page).querySelector('.state__retry'));
  assert.match(textOf(page), page.data.message);
  assert.ok(page.data.message.length > 0);
});

reader.run();
