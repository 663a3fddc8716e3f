// The evidence timeline of one study session: interactions per heartbeat (bars; background
// beats grey), reading position (line), presence checks (points: answered right, wrong, missed),
// the detector's segments as coloured bands and the flag under review as a red band.
import type { ChartOption } from '../../components/echarts';
import type { paths } from '../../api/client';
import { SEGMENT_KINDS } from '../../utils/labels';
import { formatClock } from '../../utils/time';

export type Evidence = paths['/api/study/sessions/{id}/evidence']['get']['responses'][200]['content']['application/json']['data'];

const time = (iso: string) => new Date(iso).getTime();

function checkOutcome(check: Evidence['checks'][number]): { label: string; colour: string } {
  if (check.correct === true) return { label: '答对', colour: '#2ba471' };
  if (check.correct === false) return { label: '答错', colour: '#d54941' };
  return { label: '未作答', colour: '#e37318' };
}

export function timelineOption(evidence: Evidence, flag: { from: string; to: string } | null): ChartOption {
  const bands = evidence.segments.map((segment) => [
    { xAxis: time(segment.from), itemStyle: { color: SEGMENT_KINDS[segment.kind]?.colour ?? '#ccc', opacity: 0.15 }, name: SEGMENT_KINDS[segment.kind]?.name ?? segment.kind },
    { xAxis: time(segment.to) },
  ]);
  const maxInteractions = Math.max(5, ...evidence.beats.map((b) => b.interactions));
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'line' } },
    legend: { top: 0, data: ['每次心跳的操作次数', '阅读到第几条', '在线确认题'] },
    grid: { left: 56, right: 56, top: 40, bottom: 64 },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true, formatter: (value: number) => formatClock(value) } },
    yAxis: [
      { type: 'value', name: '操作次数', max: maxInteractions + 2, minInterval: 1 },
      { type: 'value', name: '条', scale: true, minInterval: 1 },
    ],
    dataZoom: [{ type: 'slider', bottom: 8, height: 18 }],
    series: [
      {
        name: '每次心跳的操作次数', type: 'bar', barMaxWidth: 8,
        data: evidence.beats.map((beat) => ({ value: [time(beat.at), beat.interactions], itemStyle: { color: beat.foreground ? '#0052d9' : '#b5b5b5' } })),
        markArea: { silent: true, label: { show: true, position: 'insideTop', fontSize: 10 }, data: bands },
      },
      {
        name: '阅读到第几条', type: 'line', yAxisIndex: 1, step: 'end', showSymbol: false, lineStyle: { width: 2, color: '#7b4eb4' }, itemStyle: { color: '#7b4eb4' },
        data: evidence.beats.map((beat) => [time(beat.at), beat.article]),
        markArea: flag ? { silent: true, itemStyle: { color: 'rgba(213, 73, 65, 0.18)', borderColor: '#d54941', borderWidth: 1 }, label: { show: true, position: 'insideBottom', color: '#d54941' }, data: [[{ xAxis: time(flag.from), name: '本条异常' }, { xAxis: time(flag.to) }]] } : undefined,
      },
      {
        name: '在线确认题', type: 'scatter', symbolSize: 14, symbol: 'diamond',
        data: evidence.checks.map((check) => {
          const outcome = checkOutcome(check);
          return { value: [time(check.askedAt), maxInteractions + 1], name: outcome.label, itemStyle: { color: outcome.colour } };
        }),
        tooltip: { trigger: 'item', formatter: (item: { name: string; value: [number, number] }) => `在线确认题 ${formatClock(item.value[0])}：${item.name}` },
      },
    ],
  };
}

export function checkSummary(evidence: Evidence): string {
  if (!evidence.checks.length) return '本次学习没有在线确认题';
  const counts = { right: 0, wrong: 0, missed: 0 };
  for (const check of evidence.checks) {
    if (check.correct === true) counts.right++;
    else if (check.correct === false) counts.wrong++;
    else counts.missed++;
  }
  return `在线确认题 ${evidence.checks.length} 道：答对 ${counts.right}，答错 ${counts.wrong}，未作答 ${counts.missed}`;
}
