// 练习: every practice mode of the server — by statute or chapter, by type, random, 背题,
// favourites, the daily question and 错题本 review (due first).
import { errorMessage, request, showError, type Data } from '../../services/request';

const QUIZ = '/pkg-practice/quiz/index';
const MODES = [
  { mode: 'review', name: '错题复习', hint: '到期的错题优先', url: `${QUIZ}?mode=review` },
  { mode: 'daily', name: '每日一题', hint: '本单位同一道题', url: `${QUIZ}?mode=daily` },
  { mode: 'random', name: '随机练习', hint: '从全部题目中抽取', url: `${QUIZ}?mode=random` },
  { mode: 'memorize', name: '背题模式', hint: '直接看答案与解析', url: `${QUIZ}?mode=memorize` },
  { mode: 'mistakes', name: '错题本', hint: '查看与移除错题', url: '/pkg-practice/mistakes/index' },
  { mode: 'favourites', name: '我的收藏', hint: '收藏的题目', url: '/pkg-practice/favourites/index' },
];
const TYPES = [
  { type: 'single', name: '单选题' }, { type: 'multiple', name: '多选题' }, { type: 'judge', name: '判断题' }, { type: 'fill', name: '填空题' },
];

Component({
  data: {
    modes: MODES, types: TYPES, status: 'loading', message: '',
    statutes: [] as Data<'/api/statutes', 'get'>,
    openSlug: '', chaptersLoading: false, chapters: [] as { id: number; title: string }[],
  },
  methods: {
    onLoad() {
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        const statutes = (await request('get', '/api/statutes')).filter((s) => s.questionCount > 0);
        this.setData({ status: statutes.length ? 'ready' : 'empty', statutes });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    go(event: WechatMiniprogram.TouchEvent<{}, {}, { url: string }>) {
      wx.navigateTo({ url: event.currentTarget.dataset.url });
    },
    async toggleStatute(event: WechatMiniprogram.CustomEvent<{}, {}, { slug: string }>) {
      const slug = event.currentTarget.dataset.slug;
      if (this.data.openSlug === slug) { this.setData({ openSlug: '' }); return; }
      this.setData({ openSlug: slug, chapters: [], chaptersLoading: true });
      try {
        const statute = await request('get', '/api/statutes/{slug}', { path: { slug } });
        this.setData({ chapters: statute.chapters.map((c) => ({ id: c.id, title: c.title })) });
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ chaptersLoading: false });
      }
    },
  },
});
