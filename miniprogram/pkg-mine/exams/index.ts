// 考试记录: the exams I have sat or that have closed, with the counted score and pass or fail.
import { formatDateTime } from '../../lib/format';
import { errorMessage, request, type Data } from '../../services/request';

type Exam = Data<'/api/my/exams', 'get'>[number];

function present(exam: Exam) {
  const verdict = exam.passed === true ? '合格' : exam.passed === false ? '不合格' : exam.state === 'closed' ? '缺考' : '进行中';
  const tagTheme = exam.passed === true ? 'success' : exam.passed === false || exam.state === 'closed' ? 'danger' : 'warning';
  return {
    id: exam.id, title: exam.title, closes: formatDateTime(exam.closesAt), attemptsUsed: exam.attemptsUsed, attemptsAllowed: exam.attemptsAllowed,
    score: exam.countedScore === null ? '' : `${exam.countedScore}/${exam.maxScore}`, passMark: exam.passMark, verdict, tagTheme,
  };
}

Component({
  data: { status: 'loading', message: '', exams: [] as ReturnType<typeof present>[] },
  methods: {
    onLoad() {
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        const exams = (await request('get', '/api/my/exams', { query: { pageSize: 100 } })).filter((e) => e.attemptsUsed > 0 || e.state === 'closed');
        this.setData({ status: exams.length ? 'ready' : 'empty', exams: exams.map(present) });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
  },
});
