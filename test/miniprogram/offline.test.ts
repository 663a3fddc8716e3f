// Poor network: every page of the app, opened without network, shows the plain Chinese error
// with a retry button (after the client's retries of idempotent calls), and recovers when the
// network is back and the button is tapped — against a real server.
import './setup.ts';
import { startMiniprogramServer, signInAs, wxEnv, type MiniprogramServer } from './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detachAll, openPage, stateView, tap, textOf, typeInto, until, type Opened } from './pages.ts';

const PAGES: [string, Record<string, string>][] = [
  ['pages/home/index', {}], ['pages/study/index', {}], ['pages/practice/index', {}], ['pages/mine/index', {}],
  ['pkg-study/toc/index', { slug: 'xianfa' }], ['pkg-study/course/index', { id: '1' }], ['pkg-study/article/index', { slug: 'xianfa', number: '3' }],
  ['pkg-practice/quiz/index', { mode: 'random' }], ['pkg-practice/mistakes/index', {}], ['pkg-practice/favourites/index', {}],
  ['pkg-mine/archive/index', {}], ['pkg-mine/exams/index', {}], ['pkg-mine/study-time/index', {}], ['pkg-mine/flags/index', {}], ['pkg-mine/messages/index', {}],
];
const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

type Context = { server: MiniprogramServer };
const offline = suite<Context>('pages without network', {} as Context);
offline.before(async (context) => { context.server = await startMiniprogramServer({ LOAD_BANK: 'statutes' }); });
offline.after(async ({ server }) => server.close());
offline.before.each(async ({ server }) => {
  wxEnv.reset();
  await signInAs(server, { phone: '13900000011' });
});
offline.after.each(detachAll);

async function retryOnline(page: Opened) {
  await tap(stateView(page), '.state__retry', '.t-button');
  await until(() => page.data.status !== 'loading' && page.data.status !== 'error', 'recovered');
}

offline('every page shows the network error with a retry, and recovers when the network is back', async () => {
  wxEnv.offline = true;
  const pages = await Promise.all(PAGES.map(([path, query]) => openPage(path, query)));
  const failed = pages.map((page, i) => [PAGES[i]![0], page.data.status, textOf(page).includes(NETWORK_MESSAGE)]);
  assert.equal(failed, PAGES.map(([path]) => [path, 'error', true]));
  wxEnv.offline = false;
  for (const page of pages) await retryOnline(page);
  const reader = pages[6]!;
  await until(() => reader.data.sessionId > 0, 'the reader opens its session on retry');
});

offline('search without network shows the error, and the retry searches again', async () => {
  const page = await openPage('pkg-study/search/index');
  await typeInto(page, '.search', '宪法');
  wxEnv.offline = true;
  await page.instance.search();
  assert.is(page.data.status, 'error');
  assert.match(textOf(page), NETWORK_MESSAGE);
  wxEnv.offline = false;
  await retryOnline(page);
  assert.is(page.data.status, 'ready');
});

offline.run();
