// 错题本: questions answered wrong, due for review first; review opens the practice in review
// mode; a question can be removed.
import { formatDateTime } from '../../lib/format';
import { errorMessage, request, showError } from '../../services/request';

type Row = { questionId: number; stem: string; dueText: string; lapses: number; needsReading: boolean };

Component({
  data: { status: 'loading', message: '', mistakes: [] as Row[], dueCount: 0, left: false },
  methods: {
    onLoad() {
      return this.load();
    },
    /** Back from a review: what was answered right has left the list. */
    onShow() {
      return this.data.left ? this.load() : undefined;
    },
    onHide() {
      this.setData({ left: true });
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        const now = Date.now();
        const rows = await request('get', '/api/practice/mistakes', { query: { pageSize: 100 } });
        const mistakes = rows.map((m) => ({
          questionId: m.questionId, stem: m.question.stem, lapses: m.lapses, needsReading: m.needsReading,
          dueText: new Date(m.due).getTime() <= now ? '已到期' : `${formatDateTime(m.due)} 复习`,
        }));
        this.setData({ status: mistakes.length ? 'ready' : 'empty', mistakes, dueCount: rows.filter((m) => new Date(m.due).getTime() <= now).length });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    review() { wx.navigateTo({ url: '/pkg-practice/quiz/index?mode=review' }); },
    async remove(event: WechatMiniprogram.CustomEvent<{}, {}, { id: number }>) {
      const questionId = event.currentTarget.dataset.id;
      try {
        await request('delete', '/api/practice/mistakes/{questionId}', { path: { questionId } });
        const mistakes = this.data.mistakes.filter((m) => m.questionId !== questionId);
        this.setData({ mistakes, status: mistakes.length ? 'ready' : 'empty' });
      } catch (error) {
        showError(error);
      }
    },
  },
});
