// 首页: this period's 学·讲·述·考 tasks with what is missing, open and upcoming exams, 错题 due
// today, credited study minutes against the requirement, unread messages and the daily question.
import { formatDateTime, formatTimeLeft, percent } from '../../lib/format';
import { EXAM_STATE, REQUIREMENT_KIND, TASK_STATE, labelOf } from '../../lib/labels';
import { errorMessage, request, type Data } from '../../services/request';
import { unreadCount } from '../../services/messages';
import { getToken, getUser } from '../../services/session';

type Task = Data<'/api/my/tasks', 'get'>[number];
type Exam = Data<'/api/my/exams', 'get'>[number];
const TAG_THEME: Record<string, string> = { done: 'success', overdue: 'danger', returned: 'danger', submitted: 'primary' };
const DAY_MS = 86_400_000;

function studyProgress(tasks: Task[]) {
  const study = tasks.filter((t) => t.requirement.kind === 'study');
  const done = study.reduce((sum, t) => sum + t.progress.done, 0);
  const required = study.reduce((sum, t) => sum + t.progress.required, 0);
  return { done: Math.round(done), required: Math.round(required), percent: percent(done, required) };
}

function presentTask(task: Task) {
  return {
    id: task.id, title: task.requirement.title, kindLabel: labelOf(REQUIREMENT_KIND, task.requirement.kind),
    stateLabel: labelOf(TASK_STATE, task.state), tagTheme: TAG_THEME[task.state] ?? 'default',
    progressText: `${task.progress.done}/${task.progress.required} ${task.progress.unit}`, due: formatDateTime(task.dueAt), missing: task.missing,
  };
}

function presentExam(exam: Exam, now: Date) {
  const when = exam.state === 'upcoming' ? `${formatDateTime(exam.opensAt)} 开始` : `${formatDateTime(exam.closesAt)} 截止，${formatTimeLeft(exam.closesAt, now)}`;
  return { id: exam.id, title: exam.title, state: exam.state, stateLabel: labelOf(EXAM_STATE, exam.state), when };
}

Component({
  data: {
    status: 'loading', message: '', greeting: '',
    study: { done: 0, required: 0, percent: 0 },
    tasks: [] as ReturnType<typeof presentTask>[], exams: [] as ReturnType<typeof presentExam>[],
    mistakesDue: 0, unread: 0, daily: '',
  },
  methods: {
    onLoad() {
      if (!getToken()) { wx.reLaunch({ url: '/pages/login/index' }); return; }
      const name = getUser()?.name;
      this.setData({ greeting: name ? `${name}，您好` : '您好' });
      return this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        const now = new Date();
        const [tasks, exams, mistakes, unread, daily] = await Promise.all([
          request('get', '/api/my/tasks', { query: { pageSize: 100 } }),
          request('get', '/api/my/exams', { query: { pageSize: 100 } }),
          request('get', '/api/practice/mistakes', { query: { pageSize: 100 } }),
          unreadCount(),
          request('get', '/api/practice/questions', { query: { mode: 'daily' } }),
        ]);
        const current = tasks.filter((t) => new Date(t.opensAt) <= now);
        const endOfToday = now.getTime() + DAY_MS - ((now.getTime() + 8 * 3_600_000) % DAY_MS);
        const first = daily[0];
        this.setData({
          status: 'ready',
          study: studyProgress(current),
          tasks: current.map(presentTask),
          exams: exams.filter((e) => e.state !== 'closed').map((e) => presentExam(e, now)),
          mistakesDue: mistakes.filter((m) => new Date(m.due).getTime() < endOfToday).length,
          unread,
          daily: first && first.kind !== 'read' ? first.stem : '',
        });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    goStudy() { wx.switchTab({ url: '/pages/study/index' }); },
    goExams() { wx.switchTab({ url: '/pages/exam/index' }); },
    goReview() { wx.navigateTo({ url: '/pkg-practice/quiz/index?mode=review' }); },
    goDaily() { wx.navigateTo({ url: '/pkg-practice/quiz/index?mode=daily' }); },
    goMessages() { wx.navigateTo({ url: '/pkg-mine/messages/index' }); },
    openTask(event: WechatMiniprogram.TouchEvent<{}, {}, { id: number }>) {
      wx.navigateTo({ url: `/pkg-tasks/detail/index?id=${event.currentTarget.dataset.id}` });
    },
  },
});
