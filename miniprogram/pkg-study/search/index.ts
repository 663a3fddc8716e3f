// 搜索: full-text search over the statutes; the server marks the matched words, shown highlighted.
import { errorMessage, requestPage } from '../../services/request';

Component({
  data: {
    query: '', searched: false, status: 'loading', message: '', total: 0,
    results: [] as { id: number; slug: string; number: number; title: string; snippet: { text: string; hit: boolean }[] }[],
  },
  methods: {
    onChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ query: event.detail.value });
    },
    async search() {
      const q = this.data.query.trim();
      if (!q) return;
      this.setData({ searched: true, status: 'loading', message: '' });
      try {
        const { data, pagination } = await requestPage('get', '/api/articles/search', { query: { q, pageSize: 30 } });
        const results = data.map((r) => ({ id: r.article.id, slug: r.article.statuteSlug, number: r.article.number, title: `${r.article.statuteTitle} ${r.article.label}`, snippet: r.snippet }));
        this.setData({ status: results.length ? 'ready' : 'empty', results, total: pagination?.total ?? results.length });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    open(event: WechatMiniprogram.TouchEvent<{}, {}, { slug: string; number: number }>) {
      const { slug, number } = event.currentTarget.dataset;
      wx.navigateTo({ url: `/pkg-study/article/index?slug=${slug}&number=${number}` });
    },
  },
});
