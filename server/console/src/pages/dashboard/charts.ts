// ECharts options for the overview, built from /api/dashboard's numbers.
import type { ChartOption } from '../../components/echarts';
import type { paths } from '../../api/client';
import { flagKindName, REQUIREMENT_GROUPS } from '../../utils/labels';

export type Dashboard = paths['/api/dashboard']['get']['responses'][200]['content']['application/json']['data'];
export type Numbers = Dashboard['totals'];
export type Row = { key: string; name: string; numbers: Numbers; drill?: number };

const grid = { left: 48, right: 16, top: 40, bottom: 48, containLabel: true };
const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

export function hoursChart(rows: Row[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid,
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 4 ? 20 : 0 } },
    yAxis: { type: 'value', name: '小时' },
    series: [
      { name: '线上学时', type: 'bar', stack: 'h', data: rows.map((r) => hours(r.numbers.onlineMinutes)) },
      { name: '线下学时', type: 'bar', stack: 'h', data: rows.map((r) => hours(r.numbers.offlineMinutes)) },
    ],
  };
}

export function participationChart(rows: Row[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid,
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 4 ? 20 : 0 } },
    yAxis: { type: 'value', name: '人', minInterval: 1 },
    series: [
      { name: '干部', type: 'bar', data: rows.map((r) => r.numbers.cadres) },
      { name: '参学人数', type: 'bar', data: rows.map((r) => r.numbers.participants) },
    ],
  };
}

export function tasksChart(numbers: Numbers): ChartOption {
  const groups = Object.keys(REQUIREMENT_GROUPS) as Array<keyof typeof REQUIREMENT_GROUPS>;
  return {
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid,
    xAxis: { type: 'category', data: groups.map((g) => REQUIREMENT_GROUPS[g]) },
    yAxis: { type: 'value', name: '项', minInterval: 1 },
    series: [
      { name: '任务', type: 'bar', data: groups.map((g) => numbers.tasks[g].total) },
      { name: '已完成', type: 'bar', data: groups.map((g) => numbers.tasks[g].done) },
    ],
  };
}

export function flagsChart(numbers: Numbers): ChartOption {
  const entries = Object.entries(numbers.openFlags);
  return {
    tooltip: { trigger: 'item' }, legend: { bottom: 0, type: 'scroll' },
    series: [{ name: '待审核异常', type: 'pie', radius: ['35%', '65%'], data: entries.map(([kind, value]) => ({ name: flagKindName(kind), value })) }],
  };
}

export function examChart(rows: Row[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid,
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 4 ? 20 : 0 } },
    yAxis: { type: 'value', name: '%', max: 100 },
    series: [
      { name: '通过率', type: 'bar', data: rows.map((r) => (r.numbers.exams.passRate == null ? 0 : Math.round(r.numbers.exams.passRate * 1000) / 10)) },
      { name: '平均得分率', type: 'bar', data: rows.map((r) => r.numbers.exams.averagePercent ?? 0) },
    ],
  };
}
