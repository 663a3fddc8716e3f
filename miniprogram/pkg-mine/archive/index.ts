// 学法档案: everything I did in a period — study, attendance, lectures, 述法 reports, exams — each
// with its detail; a line whose evidence I may read (a study session's timeline, credit and flags;
// my lecture; my report) opens it on tap.
import { formatDateTime, formatMinutes, formatSeconds } from '../../lib/format';
import { ARCHIVE_KIND, FLAG_STATUS, SEGMENT_KIND, labelOf } from '../../lib/labels';
import { periodOf, type PeriodKey } from '../../lib/period';
import { periodPage } from '../../behaviors/period-page';
import { errorMessage, request, showError, type Data } from '../../services/request';

type Archive = Data<'/api/archive', 'get'>;
type Evidence = { lines: string[]; warnings: string[] };
type Entry = { kind: string; kindLabel: string; at: string; title: string; detail: string; evidence: string; evidenceHint: string; open: boolean; evidenceLines: Evidence | null };

const time = (iso: string) => formatDateTime(iso).split(' ')[1] ?? '';
const REVIEW_STATUS: Record<string, string> = { pending: '待核实', verified: '已核实', rejected: '未通过', submitted: '已提交', returned: '已退回修改', scored: '已评分' };

/** The evidence a cadre may open, by the archive line's evidence path. */
const EVIDENCE: { pattern: RegExp; load(id: number): Promise<Evidence> }[] = [
  {
    pattern: /^\/api\/study\/sessions\/(\d+)$/,
    async load(id) {
      const session = await request('get', '/api/study/sessions/{id}', { path: { id } });
      return {
        lines: [`认定学时 ${formatSeconds(session.creditedSeconds)} · 心跳 ${session.heartbeats} 次`, ...session.segments.map((s) => `${time(s.from)}–${time(s.to)} ${labelOf(SEGMENT_KIND, s.kind)}`)],
        warnings: session.flags.map((f) => `${f.explanation}（${labelOf(FLAG_STATUS, f.status)}）`),
      };
    },
  },
  {
    pattern: /^\/api\/lectures\/(\d+)$/,
    async load(id) {
      const lecture = await request('get', '/api/lectures/{id}', { path: { id } });
      return {
        lines: [`${formatDateTime(lecture.givenAt)} · 听众 ${lecture.audienceSize} 人`, `材料：${lecture.materialName ?? '未上传'}`, `状态：${labelOf(REVIEW_STATUS, lecture.status)}`],
        warnings: lecture.reviewNote ? [`审核意见：${lecture.reviewNote}`] : [],
      };
    },
  },
  {
    pattern: /^\/api\/law-reports\/(\d+)$/,
    async load(id) {
      const report = await request('get', '/api/law-reports/{id}', { path: { id } });
      return {
        lines: [`第 ${report.revision} 稿 · ${labelOf(REVIEW_STATUS, report.status)}${report.totalScore !== null ? ` · 得分 ${report.totalScore}` : ''}`, `附件：${report.attachmentName ?? '无'}`],
        warnings: report.returnNote ? [`退回意见：${report.returnNote}`] : [],
      };
    },
  },
];

function evidenceOf(path: string): { id: number; load: (id: number) => Promise<Evidence> } | null {
  for (const kind of EVIDENCE) {
    const match = kind.pattern.exec(path);
    if (match) return { id: Number(match[1]), load: kind.load };
  }
  return null;
}

function totalsOf(totals: Archive['totals']) {
  return [
    { label: '线上学时', value: formatMinutes(totals.onlineMinutes) }, { label: '线下学时', value: formatMinutes(totals.offlineMinutes) },
    { label: '学习次数', value: totals.sessions }, { label: '线下学法', value: totals.meetingsAttended },
    { label: '讲法（已核实）', value: totals.lecturesVerified }, { label: '述法（已评分）', value: totals.reportsScored },
    { label: '考试合格', value: totals.examsPassed }, { label: '异常标记', value: totals.flags },
  ];
}

Component({
  behaviors: [periodPage],
  data: { status: 'loading', message: '', period: 'thisYear' as PeriodKey, range: periodOf('thisYear'), archive: null as Archive | null, totals: [] as { label: string; value: string | number }[], entries: [] as Entry[] },
  methods: {
    async load() {
      const { from, to } = this.data.range;
      this.setData({ status: 'loading', message: '' });
      try {
        const archive = await request('get', '/api/archive', { query: { from, to } });
        const entries = archive.entries.map((e) => ({
          kind: e.kind, kindLabel: labelOf(ARCHIVE_KIND, e.kind), at: formatDateTime(e.at), title: e.title, detail: e.detail, evidence: e.evidence,
          evidenceHint: evidenceOf(e.evidence) ? '点按查看依据' : '', open: false, evidenceLines: null,
        }));
        this.setData({ status: entries.length ? 'ready' : 'empty', archive, totals: totalsOf(archive.totals), entries });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    async toggle(event: WechatMiniprogram.TouchEvent<{}, {}, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      const entry = this.data.entries[index];
      const evidence = entry ? evidenceOf(entry.evidence) : null;
      if (!entry || !evidence) return;
      if (entry.evidenceLines) { this.setData({ [`entries[${index}].open`]: !entry.open }); return; }
      try {
        this.setData({ [`entries[${index}].open`]: true, [`entries[${index}].evidenceLines`]: await evidence.load(evidence.id) });
      } catch (error) {
        showError(error);
      }
    },
  },
});
