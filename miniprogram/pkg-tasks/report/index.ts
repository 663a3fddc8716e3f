// 述: write (or upload) the 述法 report for a task; a returned report shows the reviewer's note
// and is resubmitted; a scored one is read-only with its scores.
import { errorMessage } from '../../services/request';
import { reportFor, submitReport, taskById, uploadReportFile, type LawReport } from '../../services/tasks';
import { formatDateTime } from '../../lib/format';
import { chooseOneFile } from '../choose-file';
import { formErrorText } from '../form-error';

/** The server's minimum, shown while typing so nobody learns it from a refusal. */
const MIN_LENGTH = 50;
const STATUS_TEXT: Record<LawReport['status'], string> = { submitted: '已提交，待审核（审核前仍可修改）', returned: '已退回，请按意见修改后重新提交', scored: '已评分' };

function reportState(report: LawReport | null) {
  if (!report) return { statusText: '', returnNote: '', scored: false, scores: [] as Array<{ name: string; text: string }>, total: '', attachment: '', submittedAt: '' };
  return {
    statusText: `${STATUS_TEXT[report.status]} · 第 ${report.revision} 稿`,
    returnNote: report.status === 'returned' ? report.returnNote ?? '' : '',
    scored: report.status === 'scored',
    scores: report.rubric.map((c) => ({ name: c.name, text: `${report.scores?.[c.name] ?? 0}/${c.maxScore}` })),
    total: report.totalScore === null ? '' : String(report.totalScore),
    attachment: report.attachmentName ?? '',
    submittedAt: formatDateTime(report.submittedAt),
  };
}

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    taskId: 0,
    title: '',
    content: '',
    length: 0,
    minLength: MIN_LENGTH,
    report: reportState(null),
    reportId: 0,
    fileName: '',
    filePath: '',
    error: '',
    saving: false,
  },
  methods: {
    onLoad(query: { taskId?: string }) {
      this.setData({ taskId: Number(query.taskId) });
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading' });
      try {
        const task = await taskById(this.data.taskId);
        if (!task || task.requirement.kind !== 'report') return this.setData({ status: 'error', message: '述法任务不存在' });
        const report = await reportFor(task);
        this.setData({ status: 'ready', title: task.requirement.title, ...this.shown(report) });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    shown(report: LawReport | null) {
      const content = report?.content ?? this.data.content;
      return { report: reportState(report), reportId: report?.id ?? 0, content, length: [...content.trim()].length };
    },
    onInput(event: WechatMiniprogram.Input) {
      const content = event.detail.value;
      this.setData({ content, length: [...content.trim()].length });
    },
    async onChooseFile() {
      const file = await chooseOneFile();
      if (file) this.setData({ fileName: file.name, filePath: file.path });
    },
    async onSubmit() {
      if (this.data.saving || this.data.report.scored) return;
      if (this.data.length < MIN_LENGTH) return this.setData({ error: `述法报告至少 ${MIN_LENGTH} 字，现在 ${this.data.length} 字` });
      this.setData({ saving: true, error: '' });
      try {
        let report = await submitReport(this.data.taskId, this.data.content.trim());
        if (this.data.filePath) report = await uploadReportFile(report.id, this.data.filePath);
        this.setData({ ...this.shown(report), fileName: '', filePath: '' });
        wx.showToast({ title: '已提交，等待审核', icon: 'success' });
      } catch (error) {
        this.setData({ error: formErrorText(error) });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
