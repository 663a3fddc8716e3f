// 我的收藏: favourited questions (without answers), practised in favourites mode; removable.
import { errorMessage, request, showError } from '../../services/request';

type Row = { id: number; stem: string; source: string };

Component({
  data: { status: 'loading', message: '', favourites: [] as Row[] },
  methods: {
    onLoad() {
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        const rows = await request('get', '/api/practice/favourites', { query: { pageSize: 100 } });
        const favourites = rows.map((q) => ({ id: q.id, stem: q.stem, source: q.citations.map((c) => `《${c.statuteTitle}》${c.articleLabel}`).join('、') }));
        this.setData({ status: favourites.length ? 'ready' : 'empty', favourites });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    practise() { wx.navigateTo({ url: '/pkg-practice/quiz/index?mode=favourites' }); },
    async remove(event: WechatMiniprogram.CustomEvent<{}, {}, { id: number }>) {
      const questionId = event.currentTarget.dataset.id;
      try {
        await request('delete', '/api/practice/favourites/{questionId}', { path: { questionId } });
        const favourites = this.data.favourites.filter((f) => f.id !== questionId);
        this.setData({ favourites, status: favourites.length ? 'ready' : 'empty' });
      } catch (error) {
        showError(error);
      }
    },
  },
});
