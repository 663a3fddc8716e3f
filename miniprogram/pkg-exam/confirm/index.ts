// 开考确认: the rules before the clock starts (time limit, attempts, pass mark, closing time), the
// subscribe-message consent for exam reminders, then the attempt is started on the server.
import { errorMessage, showError } from '../../services/request';
import { listMyExams, startAttempt, type MyExam } from '../../services/exams';
import { askForReminders, reminderTemplateIds } from '../../services/subscribe';
import { formatDateTime, formatTimeLeft } from '../../lib/format';

type Rules = { title: string; timeLimit: string; attempts: string; passMark: string; closes: string; canStart: boolean; blocked: string; startText: string };

function rulesOf(exam: MyExam, now: Date): Rules {
  const attemptsLeft = exam.attemptsAllowed - exam.attemptsUsed;
  const blocked = exam.state === 'upcoming' ? `考试尚未开始，开考时间 ${formatDateTime(exam.opensAt)}`
    : exam.state === 'closed' ? '考试已结束'
      : exam.state === 'open' && attemptsLeft <= 0 ? `已用完全部 ${exam.attemptsAllowed} 次考试机会` : '';
  return {
    title: exam.title,
    timeLimit: `${exam.timeLimitMinutes} 分钟（开始后计时不暂停，到时自动交卷）`,
    attempts: `共 ${exam.attemptsAllowed} 次，已用 ${exam.attemptsUsed} 次`,
    passMark: `满分 ${exam.maxScore} 分，${exam.passMark} 分及格`,
    closes: `${formatDateTime(exam.closesAt)}（${formatTimeLeft(exam.closesAt, now)}）`,
    canStart: !blocked, blocked,
    startText: exam.state === 'in_progress' ? '继续作答' : '开始考试',
  };
}

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    examId: 0,
    rules: null as Rules | null,
    starting: false,
    /** Loaded with the page, so the consent dialog opens within the tap. */
    reminderTemplates: null as string[] | null,
  },
  methods: {
    async onLoad(query: { examId?: string }) {
      this.setData({ examId: Number(query.examId) });
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading' });
      try {
        // The template ids come with the page, so the start tap opens the consent dialog at once.
        const [exams, reminderTemplates] = await Promise.all([listMyExams(), this.data.reminderTemplates ?? reminderTemplateIds()]);
        const exam = exams.find((e) => e.id === this.data.examId);
        if (!exam) return this.setData({ status: 'error', message: '考试不存在或您不在考试范围内' });
        this.setData({ status: 'ready', rules: rulesOf(exam, new Date()), reminderTemplates });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    async onStart() {
      if (this.data.starting || !this.data.rules?.canStart) return;
      this.setData({ starting: true });
      // Asked here, on the cadre's own tap, before the exam: reminders of later exams and results.
      await askForReminders(this.data.reminderTemplates);
      try {
        const attempt = await startAttempt(this.data.examId);
        wx.redirectTo({ url: `/pkg-exam/paper/index?attemptId=${attempt.id}` });
      } catch (error) {
        showError(error);
        this.setData({ starting: false });
      }
    },
  },
});
