// 学习: the statutes to read and the courses organisers assigned; search opens from here.
import { errorMessage, request, type Data } from '../../services/request';

Component({
  data: {
    status: 'loading', message: '',
    statutes: [] as Data<'/api/statutes', 'get'>,
    courses: [] as Data<'/api/courses', 'get'>,
  },
  methods: {
    onLoad() {
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        const [statutes, courses] = await Promise.all([request('get', '/api/statutes'), request('get', '/api/courses', { query: { pageSize: 50 } })]);
        this.setData({ status: statutes.length || courses.length ? 'ready' : 'empty', statutes, courses });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    openSearch() { wx.navigateTo({ url: '/pkg-study/search/index' }); },
    openStatute(event: WechatMiniprogram.CustomEvent<{}, {}, { slug: string }>) {
      wx.navigateTo({ url: `/pkg-study/toc/index?slug=${event.currentTarget.dataset.slug}` });
    },
    openCourse(event: WechatMiniprogram.CustomEvent<{}, {}, { id: number }>) {
      wx.navigateTo({ url: `/pkg-study/course/index?id=${event.currentTarget.dataset.id}` });
    },
  },
});
