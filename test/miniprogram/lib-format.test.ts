// lib/format, lib/period, lib/week-bars and lib/backoff: plain TS shared by the pages.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDate, formatDateTime, formatMinutes, formatTimeLeft, percent } from '../../miniprogram/lib/format.ts';
import { customPeriod, periodOf } from '../../miniprogram/lib/period.ts';
import { weekBars } from '../../miniprogram/lib/week-bars.ts';
import { backoffDelayMs } from '../../miniprogram/lib/backoff.ts';

const format = suite('lib/format');
format('dates and times are Beijing time', () => {
  assert.is(formatDate('2026-12-31T16:30:00Z'), '2027-01-01');
  assert.is(formatDateTime('2026-12-04T01:05:00Z'), '12月4日 09:05');
});
format('durations read as a person says them', () => {
  assert.is(formatMinutes(0.5), '不足1分钟');
  assert.is(formatMinutes(12), '12分钟');
  assert.is(formatMinutes(60), '1小时');
  assert.is(formatMinutes(65.9), '1小时5分钟');
});
format('time left to a deadline', () => {
  const now = new Date('2026-12-04T00:00:00Z');
  assert.is(formatTimeLeft('2026-12-04T00:14:10Z', now), '还剩15分钟');
  assert.is(formatTimeLeft('2026-12-04T05:00:00Z', now), '还剩5小时');
  assert.is(formatTimeLeft('2026-12-07T00:00:00Z', now), '还剩3天');
  assert.is(formatTimeLeft('2026-12-03T23:59:00Z', now), '已截止');
});
format('percent is clamped and full when nothing is required', () => {
  assert.equal([percent(30, 120), percent(200, 120), percent(0, 0), percent(-5, 10)], [25, 100, 100, 0]);
});
format.run();

const period = suite('lib/period');
period('years are Beijing calendar years', () => {
  const now = new Date('2026-12-31T17:00:00Z'); // already 2027-01-01 01:00 in Beijing
  assert.equal(periodOf('thisYear', now), { key: 'thisYear', from: '2026-12-31T16:00:00.000Z', to: '2027-12-31T16:00:00.000Z' });
  assert.equal(periodOf('lastYear', now), { key: 'lastYear', from: '2025-12-31T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
});
period('recent periods end just after now', () => {
  const now = new Date('2026-12-04T00:00:00Z');
  assert.equal(periodOf('last30', now), { key: 'last30', from: '2026-11-04T00:00:00.000Z', to: '2026-12-04T00:01:00.000Z' });
});
period('a custom span runs from the first Beijing day to the end of the last, in either order', () => {
  const span = { key: 'custom', from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' };
  assert.equal(customPeriod('2026-03-01', '2026-03-31'), span);
  assert.equal(customPeriod('2026-03-31', '2026-03-01'), span);
});
period.run();

const bars = suite('lib/week-bars');
bars('newest week first, widths relative to the best week', () => {
  assert.equal(weekBars([{ weekStart: '2026-11-23', minutes: 30 }, { weekStart: '2026-11-30', minutes: 120 }]), [
    { weekStart: '2026-11-30', minutes: 120, label: '11月30日', percent: 100 },
    { weekStart: '2026-11-23', minutes: 30, label: '11月23日', percent: 25 },
  ]);
  assert.equal(weekBars([{ weekStart: '2026-11-30', minutes: 0 }]).map((b) => b.percent), [0]);
});
bars.run();

const backoff = suite('lib/backoff');
backoff('doubles from half a second, capped at 8 s, with ±20 % jitter', () => {
  assert.equal([1, 2, 3, 6].map((attempt) => backoffDelayMs(attempt, () => 0.5)), [500, 1000, 2000, 8000]);
  assert.is(backoffDelayMs(1, () => 0), 400);
  assert.is(backoffDelayMs(1, () => 1), 600);
});
backoff.run();
