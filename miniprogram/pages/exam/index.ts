// 我的考试: in progress first, then open, upcoming and finished, each with its window, rules and
// what the cadre can do now (continue, start, see the result).
import { errorMessage } from '../../services/request';
import { listMyExams, type MyExam } from '../../services/exams';
import { formatDateTime, formatTimeLeft } from '../../lib/format';
import { EXAM_STATE, labelOf } from '../../lib/labels';

type Action = 'continue' | 'start' | 'result' | 'none';
type ExamCard = {
  id: number; title: string; windowText: string; rulesText: string; leftText: string; scoreText: string;
  action: Action; actionText: string; attemptId: number | null; tagTheme: string; stateText: string;
};

/** In this order: what needs doing now comes first. */
const GROUP_ORDER: Array<MyExam['state']> = ['in_progress', 'open', 'upcoming', 'closed'];
const STATE_THEMES: Record<MyExam['state'], string> = { in_progress: 'warning', open: 'primary', upcoming: 'default', closed: 'default' };

function actionOf(exam: MyExam): { action: Action; text: string; attemptId: number | null } {
  if (exam.state === 'in_progress') return { action: 'continue', text: '继续作答', attemptId: exam.inProgressAttemptId };
  if (exam.state === 'open' && exam.attemptsUsed < exam.attemptsAllowed) return { action: 'start', text: exam.attemptsUsed ? '再考一次' : '参加考试', attemptId: null };
  if (exam.lastSubmittedAttemptId) return { action: 'result', text: '查看成绩', attemptId: exam.lastSubmittedAttemptId };
  return { action: 'none', text: '', attemptId: null };
}

function scoreText(exam: MyExam): string {
  if (exam.countedScore === null) return exam.attemptsUsed && exam.state === 'closed' ? '成绩暂不公布' : '';
  return `成绩 ${exam.countedScore} 分 · ${exam.passed ? '及格' : '不及格'}`;
}

function examCard(exam: MyExam, now: Date): ExamCard {
  const action = actionOf(exam);
  return {
    id: exam.id, title: exam.title,
    windowText: `${formatDateTime(exam.opensAt)} 至 ${formatDateTime(exam.closesAt)}`,
    rulesText: `限时 ${exam.timeLimitMinutes} 分钟 · 满分 ${exam.maxScore} 分，${exam.passMark} 分及格 · 已考 ${exam.attemptsUsed}/${exam.attemptsAllowed} 次`,
    leftText: exam.state === 'open' || exam.state === 'in_progress' ? `截止：${formatTimeLeft(exam.closesAt, now)}` : exam.state === 'upcoming' ? `开考：${formatDateTime(exam.opensAt)}` : '',
    scoreText: scoreText(exam), action: action.action, actionText: action.text, attemptId: action.attemptId,
    tagTheme: STATE_THEMES[exam.state], stateText: labelOf(EXAM_STATE, exam.state),
  };
}

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'empty' | 'ready',
    message: '',
    groups: [] as Array<{ title: string; exams: ExamCard[] }>,
  },
  methods: {
    onShow() {
      return this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      if (this.data.status !== 'ready') this.setData({ status: 'loading' });
      try {
        const exams = await listMyExams();
        const now = new Date();
        const groups = GROUP_ORDER
          .map((state) => ({ title: labelOf(EXAM_STATE, state), exams: exams.filter((exam) => exam.state === state).map((exam) => examCard(exam, now)) }))
          .filter((group) => group.exams.length);
        this.setData({ status: groups.length ? 'ready' : 'empty', groups });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    onAction(event: WechatMiniprogram.TouchEvent<{}, {}, { group: number; index: number }>) {
      const { group, index } = event.currentTarget.dataset;
      const exam = this.data.groups[group]!.exams[index]!;
      const urls: Record<Action, string> = {
        continue: `/pkg-exam/paper/index?attemptId=${exam.attemptId}`,
        start: `/pkg-exam/confirm/index?examId=${exam.id}`,
        result: `/pkg-exam/result/index?attemptId=${exam.attemptId}`,
        none: '',
      };
      if (urls[exam.action]) wx.navigateTo({ url: urls[exam.action] });
    },
  },
});
