// 成绩与回顾: exactly what the exam's review options allow now (the server leaves out the rest):
// the score and pass, per-question right or wrong, the keys, the explanations with the cited articles.
import { errorMessage } from '../../services/request';
import { attemptResult, type ExamResult } from '../../services/exams';
import { describeKey, describeResponse, questionTypeName } from '../../lib/answer-format';
import { formatDateTime } from '../../lib/format';

type ReviewItem = {
  ordinal: number; typeName: string; stem: string; options: Array<{ key: string; text: string }>;
  answer: string; correctText: string; correctTheme: string; scoreText: string; key: string; explanation: string;
  citations: Array<{ label: string; text: string }>;
};

function reviewOf(result: ExamResult) {
  const perItem = result.shown.correctness || result.shown.keys || result.shown.explanations;
  const items: ReviewItem[] = perItem ? result.items.map((item) => ({
    ordinal: item.ordinal, typeName: questionTypeName(item.type), stem: item.stem, options: item.options ?? [],
    answer: describeResponse(item.type, item.response),
    correctText: item.correct === null ? '' : item.correct ? '正确' : '错误',
    correctTheme: item.correct ? 'success' : 'danger',
    scoreText: item.score === null ? '' : `得 ${item.score}/${item.points} 分`,
    key: item.key === null ? '' : describeKey(item.type, item.key),
    explanation: item.explanation ?? '',
    citations: (item.citations ?? []).map((c) => ({ label: c.label, text: c.text })),
  })) : [];
  return {
    finished: result.status === 'submitted',
    submittedText: result.submittedAt ? `${result.autoSubmitted ? '到时自动交卷' : '交卷时间'}：${formatDateTime(result.submittedAt)}` : '',
    scoreShown: result.shown.score,
    scoreText: result.score === null ? '' : `${result.score}`,
    maxScoreText: result.maxScore === null ? '' : `满分 ${result.maxScore} 分`,
    passedText: result.passed === null ? '' : result.passed ? '及格' : '不及格',
    breakdown: (result.breakdown ?? []).map((b) => ({ title: b.title, text: `${b.score}/${b.maxScore} 分` })),
    items,
    perItemHidden: !perItem,
  };
}

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    attemptId: 0,
    examId: 0,
    review: null as ReturnType<typeof reviewOf> | null,
  },
  methods: {
    onLoad(query: { attemptId?: string }) {
      this.setData({ attemptId: Number(query.attemptId) });
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading' });
      try {
        const result = await attemptResult(this.data.attemptId);
        this.setData({ status: 'ready', examId: result.examId, review: reviewOf(result) });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    onContinue() {
      wx.redirectTo({ url: `/pkg-exam/paper/index?attemptId=${this.data.attemptId}` });
    },
    onBackToList() {
      wx.switchTab({ url: '/pages/exam/index' });
    },
  },
});
