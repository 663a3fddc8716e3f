// Period chooser for the archive, study time and flags: a preset, or any span of days picked with
// the native date picker. Emits `change` with { key, from, to }.
import { formatDate } from '../../lib/format';
import { PERIOD_OPTIONS, customPeriod, periodOf, type PeriodKey } from '../../lib/period';

Component({
  properties: { value: { type: String, value: 'thisYear' } },
  data: { options: PERIOD_OPTIONS, customOpen: false, firstDay: '', lastDay: '', today: '' },
  methods: {
    choose(event: WechatMiniprogram.TouchEvent<{}, {}, { key: Exclude<PeriodKey, 'custom'> }>) {
      this.setData({ customOpen: false });
      this.triggerEvent('change', periodOf(event.currentTarget.dataset.key));
    },
    openCustom() {
      const today = formatDate(new Date());
      this.setData({ customOpen: true, today, firstDay: this.data.firstDay || `${today.slice(0, 4)}-01-01`, lastDay: this.data.lastDay || today });
    },
    onDay(event: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: 'firstDay' | 'lastDay' }>) {
      this.setData({ [event.currentTarget.dataset.field]: event.detail.value });
      this.triggerEvent('change', customPeriod(this.data.firstDay, this.data.lastDay));
    },
  },
});
