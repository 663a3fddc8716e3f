// One task with its evidence and the way to complete it: 学 → the period's study sessions and the
// reader, 线下学法 → attendance and scanning to check in, 讲 → the period's lectures and recording
// one, 述 → the report with a returned note or the scores, 考 → the attempts and the period's exam.
import { errorMessage } from '../../services/request';
import { lecturesFor, recordsFor, reportFor, taskById, type ArchiveEntry, type LawReport, type Lecture, type Task } from '../../services/tasks';
import { formatDateTime } from '../../lib/format';
import { taskCard, type TaskCard } from '../task-card';

const LECTURE_STATUS: Record<Lecture['status'], string> = { pending: '待核实', verified: '已核实', rejected: '未通过' };
const REPORT_STATUS: Record<LawReport['status'], string> = { submitted: '已提交，待审核', returned: '已退回修改', scored: '已评分' };

type Action = { text: string; url: string; tab: boolean } | null;

function actionOf(task: Task, report: LawReport | null): Action {
  switch (task.requirement.kind) {
    case 'study': return { text: '去学习', url: '/pages/study/index', tab: true };
    case 'meeting': return { text: '扫码签到', url: '/pkg-tasks/checkin/index', tab: false };
    case 'lecture': return { text: '登记讲法', url: `/pkg-tasks/lecture/index?taskId=${task.id}&campaignId=${task.campaign.id}`, tab: false };
    case 'report': return {
      text: !report ? '撰写述法报告' : report.status === 'returned' ? '修改后重新提交' : report.status === 'scored' ? '查看报告' : '查看或修改报告',
      url: `/pkg-tasks/report/index?taskId=${task.id}`, tab: false,
    };
    case 'exam': return task.examId ? { text: '去考试', url: `/pkg-exam/confirm/index?examId=${task.examId}`, tab: false } : null;
  }
}

function lectureView(lecture: Lecture) {
  return {
    id: lecture.id, title: lecture.title, when: formatDateTime(lecture.givenAt), audience: `${lecture.audienceSize} 人`,
    status: LECTURE_STATUS[lecture.status], material: lecture.materialName ?? '未上传材料', note: lecture.reviewNote ?? '',
  };
}

function recordView(entry: ArchiveEntry) {
  return { key: `${entry.kind}:${entry.at}`, title: entry.title, when: formatDateTime(entry.at), detail: entry.detail };
}

function reportView(report: LawReport) {
  return {
    status: REPORT_STATUS[report.status], revision: `第 ${report.revision} 稿`, submittedAt: formatDateTime(report.submittedAt),
    returnNote: report.status === 'returned' ? report.returnNote ?? '' : '',
    total: report.totalScore === null ? '' : `${report.totalScore}`,
    scores: report.rubric.map((c) => ({ name: c.name, text: report.scores ? `${report.scores[c.name] ?? 0}/${c.maxScore}` : `满分 ${c.maxScore}` })),
    attachment: report.attachmentName ?? '',
  };
}

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    id: 0,
    kind: '',
    card: null as TaskCard | null,
    lectures: [] as Array<ReturnType<typeof lectureView>>,
    records: [] as Array<ReturnType<typeof recordView>>,
    report: null as ReturnType<typeof reportView> | null,
    action: null as Action,
  },
  methods: {
    onLoad(query: { id?: string }) {
      this.setData({ id: Number(query.id) });
    },
    onShow() {
      // Shown again after recording a lecture or submitting a report: the evidence has changed.
      return this.load();
    },
    async load() {
      if (this.data.status !== 'ready') this.setData({ status: 'loading' });
      try {
        const task = await taskById(this.data.id);
        if (!task) return this.setData({ status: 'error', message: '任务不存在' });
        const kind = task.requirement.kind;
        const [lectures, report, records] = await Promise.all([
          kind === 'lecture' ? lecturesFor(task) : [], kind === 'report' ? reportFor(task) : null, recordsFor(task),
        ]);
        this.setData({
          status: 'ready', kind, card: taskCard(task, new Date()), action: actionOf(task, report),
          lectures: lectures.map(lectureView), report: report ? reportView(report) : null, records: records.map(recordView),
        });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    onAction() {
      const action = this.data.action;
      if (!action) return;
      if (action.tab) wx.switchTab({ url: action.url });
      else wx.navigateTo({ url: action.url });
    },
  },
});
