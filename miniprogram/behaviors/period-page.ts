// Pages that look back over a period (archive, flags, study time) keep the picker's choice in
// `period` and `range`; opening the page recomputes the range from now, and every change reloads
// through the page's own `load`.
import { periodOf, type Period, type PeriodKey } from '../lib/period';

type PeriodPage = {
  data: { period: PeriodKey };
  setData(data: { period?: PeriodKey; range: Period }): void;
  load(): Promise<void>;
};

export const periodPage = Behavior({
  methods: {
    onLoad() {
      const page = this as unknown as PeriodPage;
      page.setData({ range: periodOf(page.data.period as Exclude<PeriodKey, 'custom'>) });
      return page.load();
    },
    onPeriod(event: WechatMiniprogram.CustomEvent<Period>) {
      const page = this as unknown as PeriodPage;
      page.setData({ period: event.detail.key, range: event.detail });
      return page.load();
    },
  },
});
