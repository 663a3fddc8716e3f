import './setup.ts';
import './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detachAll, renderComponent, simulate, tap, textOf } from './pages.ts';

const stateView = suite('components/state-view');
stateView.after.each(detachAll);

stateView('shows a loading indicator while loading', () => {
  const view = renderComponent('components/state-view/index', { status: 'loading' });
  assert.ok(view.querySelector('.state--loading'));
  assert.is(view.querySelector('.state--error'), undefined);
});

stateView('shows the error message and emits retry when the button is tapped', async () => {
  const view = renderComponent('components/state-view/index', { status: 'error', message: '网络连接失败，请检查网络后重试' });
  assert.match(textOf(view), '网络连接失败，请检查网络后重试');
  let retries = 0;
  view.addEventListener('retry', () => { retries += 1; });
  await tap(view, '.state__retry', '.t-button');
  assert.is(retries, 1);
});

stateView('shows the empty text when there is nothing', () => {
  const view = renderComponent('components/state-view/index', { status: 'empty', emptyText: '暂无错题' });
  assert.match(textOf(view), '暂无错题');
});

stateView('shows nothing of its own when ready', async () => {
  const view = renderComponent('components/state-view/index', { status: 'loading' });
  view.setData({ status: 'ready' });
  await simulate.sleep(0);
  assert.is(textOf(view), '');
});

stateView.run();
