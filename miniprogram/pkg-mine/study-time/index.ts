// 学时统计: credited study minutes per week as a bar chart drawn with views (no chart library in
// the package), newest week first.
import { formatMinutes } from '../../lib/format';
import { weekBars } from '../../lib/week-bars';
import { periodOf, type PeriodKey } from '../../lib/period';
import { periodPage } from '../../behaviors/period-page';
import { errorMessage, request } from '../../services/request';

Component({
  behaviors: [periodPage],
  data: { status: 'loading', message: '', period: 'last90' as PeriodKey, range: periodOf('last90'), total: '', bars: [] as ReturnType<typeof weekBars> },
  methods: {
    async load() {
      const { from, to } = this.data.range;
      this.setData({ status: 'loading', message: '' });
      try {
        const study = await request('get', '/api/my/study', { query: { from, to } });
        this.setData({ status: study.totalMinutes > 0 ? 'ready' : 'empty', total: formatMinutes(study.totalMinutes), bars: weekBars(study.weeks) });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
  },
});
