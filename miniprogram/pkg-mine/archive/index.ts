// 学法档案: everything I did in a period — study, attendance, lectures, 述法 reports, exams — each
// with its detail; a study line opens its evidence (timeline, credit, flags) on tap.
import { formatDateTime, formatMinutes, formatSeconds } from '../../lib/format';
import { ARCHIVE_KIND, FLAG_STATUS, SEGMENT_KIND, labelOf } from '../../lib/labels';
import { periodOf, type Period, type PeriodKey } from '../../lib/period';
import { errorMessage, request, showError, type Data } from '../../services/request';

type Archive = Data<'/api/archive', 'get'>;
type SessionEvidence = { credited: string; heartbeats: number; segments: { from: string; to: string; kind: string }[]; flags: { id: number; explanation: string; status: string }[] };
type Entry = { kind: string; kindLabel: string; at: string; title: string; detail: string; evidence: string; evidenceHint: string; open: boolean; session: SessionEvidence | null };

const SESSION_EVIDENCE = /^\/api\/study\/sessions\/(\d+)$/;
const time = (iso: string) => formatDateTime(iso).split(' ')[1];

function totalsOf(totals: Archive['totals']) {
  return [
    { label: '线上学时', value: formatMinutes(totals.onlineMinutes) }, { label: '线下学时', value: formatMinutes(totals.offlineMinutes) },
    { label: '学习次数', value: totals.sessions }, { label: '线下学法', value: totals.meetingsAttended },
    { label: '讲法（已核实）', value: totals.lecturesVerified }, { label: '述法（已评分）', value: totals.reportsScored },
    { label: '考试合格', value: totals.examsPassed }, { label: '异常标记', value: totals.flags },
  ];
}

Component({
  data: { status: 'loading', message: '', period: 'thisYear' as PeriodKey, range: periodOf('thisYear'), archive: null as Archive | null, totals: [] as { label: string; value: string | number }[], entries: [] as Entry[] },
  methods: {
    onLoad() {
      this.setData({ range: periodOf('thisYear') });
      return this.load();
    },
    onPeriod(event: WechatMiniprogram.CustomEvent<Period>) {
      this.setData({ period: event.detail.key, range: event.detail });
      return this.load();
    },
    async load() {
      const { from, to } = this.data.range;
      this.setData({ status: 'loading', message: '' });
      try {
        const archive = await request('get', '/api/archive', { query: { from, to } });
        const entries = archive.entries.map((e) => ({
          kind: e.kind, kindLabel: labelOf(ARCHIVE_KIND, e.kind), at: formatDateTime(e.at), title: e.title, detail: e.detail, evidence: e.evidence,
          evidenceHint: SESSION_EVIDENCE.test(e.evidence) ? '点按查看学习过程依据' : '', open: false, session: null,
        }));
        this.setData({ status: entries.length ? 'ready' : 'empty', archive, totals: totalsOf(archive.totals), entries });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    async toggle(event: WechatMiniprogram.TouchEvent<{}, {}, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      const entry = this.data.entries[index];
      const sessionId = entry ? SESSION_EVIDENCE.exec(entry.evidence)?.[1] : undefined;
      if (!entry || !sessionId) return;
      if (entry.open || entry.session) { this.setData({ [`entries[${index}].open`]: !entry.open }); return; }
      try {
        const session = await request('get', '/api/study/sessions/{id}', { path: { id: Number(sessionId) } });
        const evidence: SessionEvidence = {
          credited: formatSeconds(session.creditedSeconds), heartbeats: session.heartbeats,
          segments: session.segments.map((s) => ({ from: time(s.from) ?? '', to: time(s.to) ?? '', kind: labelOf(SEGMENT_KIND, s.kind) })),
          flags: session.flags.map((f) => ({ id: f.id, explanation: f.explanation, status: labelOf(FLAG_STATUS, f.status) })),
        };
        this.setData({ [`entries[${index}].open`]: true, [`entries[${index}].session`]: evidence });
      } catch (error) {
        showError(error);
      }
    },
  },
});
