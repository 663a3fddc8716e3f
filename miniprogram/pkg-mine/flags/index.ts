// 异常标记与申诉: my flags with the server's explanation and review state; an open flag not yet
// appealed can be appealed once with a note.
import { formatDateTime } from '../../lib/format';
import { FLAG_STATUS, labelOf } from '../../lib/labels';
import { periodOf, type PeriodKey } from '../../lib/period';
import { periodPage } from '../../behaviors/period-page';
import { errorMessage, request, showError, type Data } from '../../services/request';

type Flag = Data<'/api/my/study', 'get'>['flags'][number];

function present(flag: Flag) {
  return {
    id: flag.id, when: `${formatDateTime(flag.from)} – ${formatDateTime(flag.to).split(' ')[1]}`, explanation: flag.explanation,
    status: flag.status, statusLabel: labelOf(FLAG_STATUS, flag.status), appealNote: flag.appealNote, reviewNote: flag.reviewNote,
    canAppeal: flag.status === 'open' && !flag.appealNote,
  };
}

Component({
  behaviors: [periodPage],
  data: {
    status: 'loading', message: '', period: 'thisYear' as PeriodKey, range: periodOf('thisYear'),
    flags: [] as ReturnType<typeof present>[], drafts: {} as Record<number, string>, submitting: 0,
  },
  methods: {
    async load() {
      const { from, to } = this.data.range;
      this.setData({ status: 'loading', message: '' });
      try {
        const study = await request('get', '/api/my/study', { query: { from, to } });
        this.setData({ status: study.flags.length ? 'ready' : 'empty', flags: study.flags.map(present) });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    onDraft(event: WechatMiniprogram.CustomEvent<{ value: string }, {}, { id: number }>) {
      this.setData({ [`drafts.${event.currentTarget.dataset.id}`]: event.detail.value });
    },
    async appeal(event: WechatMiniprogram.CustomEvent<{}, {}, { id: number }>) {
      const id = Number(event.currentTarget.dataset.id);
      const note = (this.data.drafts[id] ?? '').trim();
      if (note.length < 2) { wx.showToast({ title: '请说明申诉理由', icon: 'none' }); return; }
      this.setData({ submitting: id });
      try {
        const updated = await request('post', '/api/study/flags/{id}/appeal', { path: { id }, body: { note } });
        const index = this.data.flags.findIndex((f) => f.id === id);
        this.setData({ [`flags[${index}]`]: present(updated) });
        wx.showToast({ title: '申诉已提交', icon: 'none' });
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ submitting: 0 });
      }
    },
  },
});
