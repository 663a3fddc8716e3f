// The heatmap parts of ECharts, added to the console's shared ECharts core for the pages that draw one.
import { HeatmapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { echarts, type ChartOption } from '../../components/echarts';

echarts.use([HeatmapChart, VisualMapComponent]);

type Cell = { organizationName: string; statuteTitle: string; facility: number; responses: number };

/** Units down the side, statutes across, colour = share of points scored. */
export function heatmapOption(organizations: string[], statutes: string[], cells: Cell[]): ChartOption {
  const short = (title: string) => title.replace('中华人民共和国', '');
  return {
    tooltip: { formatter: (p: { data: [number, number, number, number] }) => `${organizations[p.data[1]]} · ${statutes[p.data[0]]}<br>得分率 ${(p.data[2] * 100).toFixed(1)}%（${p.data[3]} 题次）` },
    grid: { left: 160, right: 24, top: 16, bottom: 90 },
    xAxis: { type: 'category', data: statutes.map(short), axisLabel: { rotate: 30 } },
    yAxis: { type: 'category', data: organizations },
    visualMap: { min: 0, max: 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#d54941', '#f5ba18', '#2ba471'] }, formatter: (v: number) => `${Math.round(v * 100)}%` },
    series: [{
      name: '得分率', type: 'heatmap', label: { show: true, formatter: (p: { data: number[] }) => `${Math.round(p.data[2]! * 100)}` },
      data: cells.map((c) => [statutes.indexOf(c.statuteTitle), organizations.indexOf(c.organizationName), c.facility, c.responses]),
    }],
  };
}
