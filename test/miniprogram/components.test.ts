// The shared question and period-picker components on their own: rendering, taps, typing, marks.
import './setup.ts';
import './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detachAll, renderComponent, simulate, textOf, typeInto, type Opened } from './pages.ts';

const changes = (component: Opened) => {
  const seen: unknown[] = [];
  component.addEventListener('change', (event) => seen.push(event.detail));
  return seen;
};
const classesOf = (node: Opened) => (node as unknown as { dom: { className: string } }).dom.className;
const tapOption = async (component: Opened, key: string) => { component.querySelector(`.option-${key}`)!.dispatchEvent('tap'); await simulate.sleep(0); };

const question = suite('components/question');
question.after.each(detachAll);

question('a single-choice question shows its type, stem and options and emits the tapped choice', async () => {
  const view = renderComponent('components/question/index', { question: { type: 'single', stem: '宪法规定的国家根本任务是什么？', options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }], blanks: 0 } });
  assert.match(textOf(view), '单选题');
  assert.match(textOf(view), '宪法规定的国家根本任务是什么？');
  const seen = changes(view);
  await tapOption(view, 'B');
  assert.equal(seen, [{ selection: { type: 'single', key: 'B' } }]);
});

question('a multiple-choice question toggles keys; a chosen option is marked', async () => {
  const view = renderComponent('components/question/index', {
    question: { type: 'multiple', stem: '下列哪些属于…', options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }, { key: 'C', text: '丙' }], blanks: 0 },
    selection: { type: 'multiple', keys: ['A'] },
  });
  assert.ok(classesOf(view.querySelector('.option-A')!).includes('option--chosen'));
  const seen = changes(view);
  await tapOption(view, 'C');
  await tapOption(view, 'A');
  assert.equal(seen, [{ selection: { type: 'multiple', keys: ['A', 'C'] } }, { selection: { type: 'multiple', keys: [] } }]);
});

question('a judge question offers 正确 and 错误', async () => {
  const view = renderComponent('components/question/index', { question: { type: 'judge', stem: '公民有劳动的权利和义务。', options: null, blanks: 0 } });
  assert.match(textOf(view), '正确');
  assert.match(textOf(view), '错误');
  const seen = changes(view);
  await tapOption(view, 'false');
  assert.equal(seen, [{ selection: { type: 'judge', value: false } }]);
});

question('a fill-in question has an input per blank', async () => {
  const view = renderComponent('components/question/index', { question: { type: 'fill', stem: '（  ）是国家的根本法。（  ）', options: null, blanks: 2 } });
  const seen = changes(view);
  await typeInto(view, '.blank-1', '宪法');
  assert.equal(seen, [{ selection: { type: 'fill', texts: ['', '宪法'] } }]);
});

question('once judged, the right options are green, a wrong choice red, and taps do nothing', async () => {
  const view = renderComponent('components/question/index', {
    question: { type: 'single', stem: '…', options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }, { key: 'C', text: '丙' }], blanks: 0 },
    selection: { type: 'single', key: 'C' }, rightKeys: ['A'], disabled: true,
  });
  assert.ok(classesOf(view.querySelector('.option-A')!).includes('option--right'));
  assert.ok(classesOf(view.querySelector('.option-C')!).includes('option--wrong'));
  assert.not.ok(classesOf(view.querySelector('.option-B')!).includes('option--'));
  const seen = changes(view);
  await tapOption(view, 'B');
  assert.equal(seen, []);
});

question.run();

const picker = suite('components/period-picker');
picker.after.each(detachAll);

picker('shows the periods, marks the chosen one and emits its range', async () => {
  const view = renderComponent('components/period-picker/index', { value: 'last30' });
  assert.is(textOf(view), '今年去年近30天近90天自定义');
  assert.ok(classesOf(view.querySelector('.period-last30')!).includes('period--active'));
  const seen = changes(view) as { key: string; from: string; to: string }[];
  view.querySelector('.period-lastYear')!.dispatchEvent('tap');
  await simulate.sleep(0);
  assert.is(seen.length, 1);
  assert.is(seen[0]!.key, 'lastYear');
  assert.ok(Date.parse(seen[0]!.to) - Date.parse(seen[0]!.from) >= 365 * 86_400_000);
});

picker('any span of days can be chosen with the date pickers', async () => {
  const view = renderComponent('components/period-picker/index', { value: 'thisYear' });
  const seen = changes(view) as { key: string; from: string; to: string }[];
  view.querySelector('.period-custom')!.dispatchEvent('tap');
  await simulate.sleep(0);
  assert.ok(view.querySelector('.custom__first') && view.querySelector('.custom__last'));
  view.querySelector('.custom__first')!.dispatchEvent('change', { detail: { value: '2026-03-01' } });
  await simulate.sleep(0);
  view.querySelector('.custom__last')!.dispatchEvent('change', { detail: { value: '2026-03-31' } });
  await simulate.sleep(0);
  // Only the component's own events reach the page: the date pickers' change events are caught inside.
  assert.is(seen.length, 2);
  assert.equal(seen.at(-1), { key: 'custom', from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' });
  assert.match(textOf(view), '从 2026-03-01');
});

picker.run();
