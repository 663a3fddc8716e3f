// 目录: a statute's chapters and sections (章/节); each opens the reader at its first article.
import { errorMessage, request, type Data } from '../../services/request';

Component({
  data: { status: 'loading', message: '', slug: '', statute: null as Data<'/api/statutes/{slug}', 'get'> | null },
  methods: {
    onLoad(query: { slug?: string }) {
      this.setData({ slug: query.slug ?? '' });
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        const statute = await request('get', '/api/statutes/{slug}', { path: { slug: this.data.slug } });
        wx.setNavigationBarTitle({ title: statute.title });
        this.setData({ status: 'ready', statute });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    openArticle(event: WechatMiniprogram.TouchEvent<{}, {}, { number: number }>) {
      wx.navigateTo({ url: `/pkg-study/article/index?slug=${this.data.slug}&number=${event.currentTarget.dataset.number}` });
    },
  },
});
