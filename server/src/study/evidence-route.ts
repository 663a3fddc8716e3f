// A session's raw evidence for the reviewer's timeline chart: every heartbeat as the server
// stamped it (visibility, interactions, position) and every presence check with its answer,
// beside the detector's segments and flags. Only for reviewers whose scope covers the cadre.
import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { IdParams, Timestamp } from '../http/schemas.ts';
import { SessionView } from './schemas.ts';
import { sessionView } from './sessions.ts';

const EvidenceView = SessionView.extend({
  beats: z.array(z.object({
    at: Timestamp.meta({ description: '服务器收到心跳的时间' }),
    foreground: z.boolean(),
    interactions: z.number().int().meta({ description: '本次心跳内的点击、滚动与按键次数' }),
    statute: z.string(),
    article: z.number().int(),
    scroll: z.number().meta({ description: '条文内的阅读位置（0–1）' }),
  })),
  checks: z.array(z.object({ askedAt: Timestamp, expiresAt: Timestamp, answeredAt: Timestamp.nullable(), correct: z.boolean().nullable() })),
});

export const sessionEvidenceRoutes = [
  defineRoute({
    method: 'get', path: '/api/study/sessions/:id/evidence', tag: '学习', summary: '学习记录的证据：逐次心跳（前后台、操作次数、阅读位置）与在线确认题作答（审核人员）',
    access: { kind: 'permission', permission: 'study.review' }, params: IdParams, response: EvidenceView,
    async handler({ params }, { deps, actor }) {
      const view = await sessionView(deps.db, actor, params.id);
      const [beats, checks] = await Promise.all([
        deps.db.heartbeat.findMany({ where: { sessionId: view.id }, orderBy: { serverAt: 'asc' }, select: { serverAt: true, foreground: true, taps: true, scrolls: true, keys: true, statute: true, article: true, scroll: true } }),
        deps.db.presenceCheck.findMany({ where: { sessionId: view.id }, orderBy: { askedAt: 'asc' }, select: { askedAt: true, expiresAt: true, answeredAt: true, correct: true } }),
      ]);
      return {
        ...view,
        beats: beats.map((beat) => ({ at: beat.serverAt.toISOString(), foreground: beat.foreground, interactions: beat.taps + beat.scrolls + beat.keys, statute: beat.statute, article: beat.article, scroll: beat.scroll })),
        checks: checks.map((check) => ({ askedAt: check.askedAt.toISOString(), expiresAt: check.expiresAt.toISOString(), answeredAt: check.answeredAt?.toISOString() ?? null, correct: check.correct })),
      };
    },
  }),
];
