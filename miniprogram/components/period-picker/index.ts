// Period chooser for the archive and study time: emits `change` with { key, from, to }.
import { PERIOD_OPTIONS, periodOf, type PeriodKey } from '../../lib/period';

Component({
  properties: { value: { type: String, value: 'thisYear' } },
  data: { options: PERIOD_OPTIONS },
  methods: {
    choose(event: WechatMiniprogram.TouchEvent<{}, {}, { key: PeriodKey }>) {
      this.triggerEvent('change', periodOf(event.currentTarget.dataset.key));
    },
  },
});
