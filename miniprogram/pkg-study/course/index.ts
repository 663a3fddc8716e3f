// 课程: an organiser's ordered list of articles and notes; studying it opens the same reader,
// with a session on the course, walking the course's articles.
import { errorMessage, request, type Data } from '../../services/request';

type Course = Data<'/api/courses', 'get'>[number];

Component({
  data: { status: 'loading', message: '', id: 0, course: null as Course | null },
  methods: {
    onLoad(query: { id?: string }) {
      this.setData({ id: Number(query.id) || 0 });
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        const courses = await request('get', '/api/courses', { query: { pageSize: 100 } });
        const course = courses.find((c) => c.id === this.data.id) ?? null;
        this.setData({ status: course ? 'ready' : 'empty', course });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    start() {
      const first = this.data.course?.items.find((item) => item.kind === 'article');
      if (!first || first.kind !== 'article') { wx.showToast({ title: '课程没有条文', icon: 'none' }); return; }
      wx.navigateTo({ url: `/pkg-study/article/index?courseId=${this.data.id}&slug=${first.statute}&number=${first.article}` });
    },
  },
});
