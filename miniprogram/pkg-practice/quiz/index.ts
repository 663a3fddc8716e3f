// 练习答题: one question at a time with immediate feedback from the server (key, explanation and
// the cited articles' text); 背题 shows the key at once; a question lapsed too often asks the
// cadre to read its articles first; any question can be favourited.
import { describeKey, emptySelection, responseFrom, type QuestionType, type Selection } from '../../lib/answer-format';
import { errorMessage, request, showError, type Data } from '../../services/request';

type Mode = 'statute' | 'chapter' | 'range' | 'type' | 'random' | 'memorize' | 'favourites' | 'daily' | 'review';
type Item = Data<'/api/practice/questions', 'get'>[number];
type Feedback = { judged: boolean; correct: boolean; key: string; explanation: string; citations: { label: string; statuteTitle: string; text: string | null }[]; needsReading: boolean };

const MODE_NAMES: Record<Mode, string> = {
  statute: '按法规', chapter: '按章节', range: '按条文', type: '按题型', random: '随机练习', memorize: '背题模式', favourites: '我的收藏', daily: '每日一题', review: '错题复习',
};
const EMPTY_TEXT: Partial<Record<Mode, string>> = { review: '没有需要复习的错题', favourites: '还没有收藏题目', daily: '今日暂无每日一题' };

/** Options to mark green once the key is known; fill-in keys are shown as text only. */
function rightKeysOf(type: QuestionType, key: unknown): string[] {
  if (type === 'single' && typeof key === 'string') return [key];
  if (type === 'multiple' && Array.isArray(key)) return key.map(String);
  if (type === 'judge' && typeof key === 'boolean') return [String(key)];
  return [];
}

function shown(item: Item | undefined) {
  if (!item || item.kind === 'read') return item ?? null;
  return { ...item, ordinal: 0 };
}

Component({
  data: {
    status: 'loading', message: '', emptyText: '暂无题目', mode: 'random' as Mode, modeName: '', query: {} as Record<string, string>,
    items: [] as Item[], index: 0, current: null as ReturnType<typeof shown>, selection: null as Selection | null,
    rightKeys: [] as string[], feedback: null as Feedback | null, submitting: false, favourite: false, favourites: [] as number[],
    answered: 0, correctCount: 0, finished: false,
  },
  methods: {
    onLoad(query: Record<string, string>) {
      const mode = (query.mode as Mode) in MODE_NAMES ? (query.mode as Mode) : 'random';
      this.setData({ mode, query, modeName: MODE_NAMES[mode], emptyText: EMPTY_TEXT[mode] ?? '暂无题目' });
      return this.load();
    },
    async load() {
      const { mode, query } = this.data;
      this.setData({ status: 'loading', message: '', finished: false, answered: 0, correctCount: 0 });
      try {
        const [items, favourites] = await Promise.all([
          request('get', '/api/practice/questions', {
            query: { mode, statute: query.statute, divisionId: query.divisionId ? Number(query.divisionId) : undefined, type: query.type as QuestionType | undefined, count: 10 },
          }),
          request('get', '/api/practice/favourites', { query: { pageSize: 100 } }),
        ]);
        this.setData({ status: items.length ? 'ready' : 'empty', items, favourites: favourites.map((f) => f.id) });
        this.show(0);
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    show(index: number) {
      const item = this.data.items[index];
      const current = shown(item);
      const memorized = item?.kind === 'memorize' ? item : null;
      this.setData({
        index, current, submitting: false,
        selection: current && current.kind !== 'read' ? emptySelection(current) : null,
        rightKeys: memorized ? rightKeysOf(memorized.type, memorized.answer) : [],
        feedback: memorized ? {
          judged: false, correct: true, key: describeKey(memorized.type, memorized.answer), explanation: memorized.explanation,
          citations: memorized.articles.map((a) => ({ label: a.label, statuteTitle: a.statuteTitle, text: a.text })), needsReading: false,
        } : null,
        favourite: !!item && item.kind !== 'read' && this.data.favourites.includes(item.id),
      });
    },
    onChange(event: WechatMiniprogram.CustomEvent<{ selection: Selection }>) {
      this.setData({ selection: event.detail.selection });
    },
    async submit() {
      const item = this.data.items[this.data.index];
      const response = this.data.selection ? responseFrom(this.data.selection) : null;
      if (!item || item.kind !== 'question') return;
      if (response === null) { wx.showToast({ title: '请先作答', icon: 'none' }); return; }
      this.setData({ submitting: true });
      try {
        const result = await request('post', '/api/practice/answers', { body: { questionId: item.id, versionId: item.versionId, response, mode: this.data.mode } });
        this.setData({
          rightKeys: rightKeysOf(item.type, result.key),
          feedback: {
            judged: true, correct: result.correct, key: describeKey(item.type, result.key), explanation: result.explanation,
            citations: result.citations.map((c) => ({ label: c.articleLabel, statuteTitle: c.statuteTitle, text: c.text })),
            needsReading: result.review?.needsReading ?? false,
          },
          answered: this.data.answered + 1,
          correctCount: this.data.correctCount + (result.correct ? 1 : 0),
        });
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ submitting: false });
      }
    },
    next() {
      if (this.data.index + 1 < this.data.items.length) this.show(this.data.index + 1);
      else this.setData({ finished: true });
    },
    async markRead() {
      const item = this.data.items[this.data.index];
      if (!item || item.kind !== 'read') return;
      try {
        await request('post', '/api/practice/reading', { body: { questionId: item.questionId } });
        wx.showToast({ title: '已记录，题目将重新出现', icon: 'none' });
        this.next();
      } catch (error) {
        showError(error);
      }
    },
    async toggleFavourite() {
      const item = this.data.items[this.data.index];
      if (!item || item.kind === 'read') return;
      const favourite = !this.data.favourite;
      try {
        await request(favourite ? 'put' : 'delete', '/api/practice/favourites/{questionId}', { path: { questionId: item.id } });
        const favourites = favourite ? [...this.data.favourites, item.id] : this.data.favourites.filter((id) => id !== item.id);
        this.setData({ favourite, favourites });
      } catch (error) {
        showError(error);
      }
    },
    back() { wx.navigateBack({ delta: 1 }); },
  },
});
