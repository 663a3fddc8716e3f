// Walks every endpoint with every role, with an organiser and a cadre of a foreign county and with
// a peer cadre of the record owner's unit. An endpoint missing from the matrix, or an actor
// missing from a row, fails the test, so no route ships without an authorisation decision; and
// lists are judged by what they contain, not only by their status.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allRoutes } from '../../server/src/app.ts';
import { readStatuteFile } from '../../server/src/bank/files.ts';
import { saveQuestions } from '../../server/src/questions/store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testDialects } from '../support/databases.ts';

const ACTOR_NAMES = ['anonymous', 'cadre', 'cadrePeer', 'cadreWest', 'organiserEast', 'organiserWest', 'bureau', 'admin'] as const;
type ActorName = typeof ACTOR_NAMES[number];
const PEER = { name: '周同事', phone: '13900000019' };
const actors: Record<Exclude<ActorName, 'anonymous'>, { username?: string; phone?: string }> = {
  cadre: { phone: '13900000011' }, // 王建国, 东城县人民政府办公室: owns the cadre records below
  cadrePeer: { phone: PEER.phone }, // 周同事, the same unit (made in before)
  cadreWest: { phone: '13900000021' }, // 孙丽华, 西山县
  organiserEast: { username: 'organiser-east' },
  organiserWest: { username: 'organiser-west' }, // a foreign county for every subject below
  bureau: { username: 'bureau' },
  admin: { username: 'admin' },
};

type Fixture = { cadreId: number; westCountyId: number; eastCountyId: number; eastUnitId: number; eastCadreId: number; eastQuestionId: number; nationalQuestionId: number; nationalVersionId: number; blueprintId: number; examId: number; attemptId: number; sessionId: number; checkId: number; flagId: number; meetingId: number; campaignId: number; reportTaskId: number; lectureId: number; lawReportId: number };
type Row = {
  request: (f: Fixture, n: number) => { path: string; body?: unknown; upload?: { name: string; content: string } };
  expect: Record<ActorName, number>;
};
const all = (status: number): Record<ActorName, number> => Object.fromEntries(ACTOR_NAMES.map((name) => [name, status])) as Record<ActorName, number>;
const signedIn = { anonymous: 401, cadre: 200, cadrePeer: 200, cadreWest: 200, organiserEast: 200, organiserWest: 200, bureau: 200, admin: 200 };
const staffRead = { anonymous: 401, cadre: 403, cadrePeer: 403, cadreWest: 403, organiserEast: 200, organiserWest: 200, bureau: 200, admin: 200 };
const scopedRead = { anonymous: 401, cadre: 403, cadrePeer: 403, cadreWest: 403, organiserEast: 200, organiserWest: 404, bureau: 200, admin: 200 };
const organisers = (ok: number) => ({ anonymous: 401, cadre: 403, cadrePeer: 403, cadreWest: 403, organiserEast: ok, organiserWest: ok, bureau: 403, admin: ok });
const ownerOnly = { anonymous: 401, cadre: 200, cadrePeer: 404, cadreWest: 404, organiserEast: 404, organiserWest: 404, bureau: 404, admin: 404 };
const scopedWrite = (ok: number) => ({ anonymous: 401, cadre: 403, cadrePeer: 403, cadreWest: 403, organiserEast: ok, organiserWest: 404, bureau: 403, admin: ok });

const matrix: Record<string, Row> = {
  'GET /healthz': { request: () => ({ path: '/healthz' }), expect: all(200) },
  'GET /readyz': { request: () => ({ path: '/readyz' }), expect: all(200) },
  'GET /api/openapi.json': { request: () => ({ path: '/api/openapi.json' }), expect: all(200) },
  'POST /api/auth/wechat/login': { request: () => ({ path: '/api/auth/wechat/login', body: { code: 'unknown-code' } }), expect: all(400) },
  'POST /api/auth/wechat/bind': { request: () => ({ path: '/api/auth/wechat/bind', body: { bindTicket: 'z'.repeat(43), invitationCode: 'ABCDEFGH' } }), expect: all(400) },
  'POST /api/auth/staff/login': { request: () => ({ path: '/api/auth/staff/login', body: { username: 'no-such-user', password: 'wrong' } }), expect: all(401) },
  'POST /api/auth/dev/login': { request: () => ({ path: '/api/auth/dev/login', body: { phone: '13900000012' } }), expect: all(200) },
  'POST /api/auth/logout': { request: () => ({ path: '/api/auth/logout' }), expect: signedIn },
  'GET /api/me': { request: () => ({ path: '/api/me' }), expect: signedIn },
  'GET /api/organizations': { request: () => ({ path: '/api/organizations' }), expect: staffRead },
  'GET /api/organizations/:id': { request: (f) => ({ path: `/api/organizations/${f.eastCountyId}` }), expect: scopedRead },
  'POST /api/organizations': {
    request: (f, n) => ({ path: '/api/organizations', body: { code: `AUTHZ-${n}`, name: `测试单位${n}`, level: 'unit', parentId: f.eastCountyId } }),
    expect: scopedWrite(201),
  },
  'PATCH /api/organizations/:id': { request: (f, n) => ({ path: `/api/organizations/${f.eastUnitId}`, body: { name: `东城县公安局${n}` } }), expect: scopedWrite(200) },
  'GET /api/users': { request: () => ({ path: '/api/users' }), expect: staffRead },
  'GET /api/users/:id': { request: (f) => ({ path: `/api/users/${f.eastCadreId}` }), expect: scopedRead },
  'POST /api/users': {
    request: (f, n) => ({ path: '/api/users', body: { name: `测试${n}号`, organizationId: f.eastUnitId, phone: `1370000${String(n).padStart(4, '0')}` } }),
    expect: scopedWrite(201),
  },
  'PATCH /api/users/:id': { request: (f, n) => ({ path: `/api/users/${f.eastCadreId}`, body: { position: `职务${n}` } }), expect: scopedWrite(200) },
  'POST /api/users/:id/invitations': { request: (f) => ({ path: `/api/users/${f.eastCadreId}/invitations` }), expect: scopedWrite(201) },
  'GET /api/audit-logs': { request: () => ({ path: '/api/audit-logs' }), expect: staffRead },
  // A JSON body is not an upload: 400 for those allowed to import people at all.
  'POST /api/people-imports': { request: () => ({ path: '/api/people-imports', body: {} }), expect: { anonymous: 401, cadre: 403, cadrePeer: 403, cadreWest: 403, organiserEast: 400, organiserWest: 400, bureau: 403, admin: 400 } },
  'GET /api/people-imports/template': { request: () => ({ path: '/api/people-imports/template' }), expect: organisers(200) },
  'POST /api/invitation-batches': { request: (f) => ({ path: '/api/invitation-batches', body: { organizationId: f.eastUnitId } }), expect: scopedWrite(201) },
  // A code never issued is refused after authorisation, for anyone who may invite.
  'POST /api/invitation-batches/sheet': { request: (f) => ({ path: '/api/invitation-batches/sheet', body: { items: [{ userId: f.eastCadreId, code: 'ABCDEFGH' }] } }), expect: { ...organisers(400) } },
  // Job runs are system-wide and name hosts: administrators only.
  'GET /api/job-runs': { request: () => ({ path: '/api/job-runs' }), expect: { ...all(403), anonymous: 401, admin: 200 } },
  'GET /api/statutes': { request: () => ({ path: '/api/statutes' }), expect: all(200) },
  'GET /api/statutes/:slug': { request: () => ({ path: '/api/statutes/xianfa' }), expect: all(200) },
  'GET /api/statutes/:slug/articles': { request: () => ({ path: '/api/statutes/xianfa/articles' }), expect: all(200) },
  'GET /api/statutes/:slug/articles/:number': { request: () => ({ path: '/api/statutes/xianfa/articles/5' }), expect: all(200) },
  'GET /api/articles/search': { request: () => ({ path: `/api/articles/search?q=${encodeURIComponent('依法治国')}` }), expect: all(200) },
  'PUT /api/statutes/:slug/revision': {
    request: () => ({ path: '/api/statutes/xianfa/revision', body: { revisedOn: '2018-03-11', source: 'authz', text: readStatuteFile('xianfa.md') } }),
    expect: { anonymous: 401, cadre: 403, cadrePeer: 403, cadreWest: 403, organiserEast: 403, organiserWest: 403, bureau: 403, admin: 200 },
  },
  'GET /api/questions': { request: () => ({ path: '/api/questions' }), expect: signedIn },
  'GET /api/questions/:id': { request: (f) => ({ path: `/api/questions/${f.eastQuestionId}` }), expect: { ...signedIn, cadreWest: 404, organiserWest: 404 } },
  'GET /api/questions/:id/full': { request: (f) => ({ path: `/api/questions/${f.eastQuestionId}/full` }), expect: scopedRead },
  'GET /api/questions/:id/versions': { request: (f) => ({ path: `/api/questions/${f.eastQuestionId}/versions` }), expect: scopedRead },
  'GET /api/questions/:id/diff': { request: (f) => ({ path: `/api/questions/${f.eastQuestionId}/diff` }), expect: scopedRead },
  'GET /api/question-reviews': { request: () => ({ path: '/api/question-reviews' }), expect: organisers(200) },
  'POST /api/questions': { request: (f, n) => ({ path: '/api/questions', body: { ...eastQuestion(`新建${n}`), organizationId: f.eastCountyId } }), expect: scopedWrite(201) },
  'PUT /api/questions/:id': { request: (f, n) => ({ path: `/api/questions/${f.eastQuestionId}`, body: eastQuestion(`版本${n}`) }), expect: scopedWrite(200) },
  // The question is active, so "keep" is refused after authorisation: 400 shows the caller got that far.
  'POST /api/questions/:id/review': { request: (f) => ({ path: `/api/questions/${f.eastQuestionId}/review`, body: { decision: 'keep' } }), expect: scopedWrite(400) },
  // A JSON body is not an upload: 400 for those allowed to import at all.
  'POST /api/question-imports': { request: () => ({ path: '/api/question-imports', body: {} }), expect: { anonymous: 401, cadre: 403, cadrePeer: 403, cadreWest: 403, organiserEast: 400, organiserWest: 400, bureau: 403, admin: 400 } },
  'GET /api/question-imports/template': { request: () => ({ path: '/api/question-imports/template' }), expect: { anonymous: 401, cadre: 403, cadrePeer: 403, cadreWest: 403, organiserEast: 200, organiserWest: 200, bureau: 403, admin: 200 } },
  'GET /api/question-exports': { request: () => ({ path: '/api/question-exports?format=jsonl&owner=organization' }), expect: staffRead },
  'GET /api/practice/questions': { request: () => ({ path: '/api/practice/questions?mode=random' }), expect: signedIn },
  // A wrong answer files the question in each actor's 错题本, which the reading and removal rows below rely on.
  'POST /api/practice/answers': { request: (f) => ({ path: '/api/practice/answers', body: { questionId: f.nationalQuestionId, versionId: f.nationalVersionId, response: false, mode: 'random' } }), expect: signedIn },
  'POST /api/practice/reading': { request: (f) => ({ path: '/api/practice/reading', body: { questionId: f.nationalQuestionId } }), expect: signedIn },
  'GET /api/practice/mistakes': { request: () => ({ path: '/api/practice/mistakes' }), expect: signedIn },
  'DELETE /api/practice/mistakes/:questionId': { request: (f) => ({ path: `/api/practice/mistakes/${f.nationalQuestionId}` }), expect: signedIn },
  'GET /api/practice/favourites': { request: () => ({ path: '/api/practice/favourites' }), expect: signedIn },
  'PUT /api/practice/favourites/:questionId': { request: (f) => ({ path: `/api/practice/favourites/${f.nationalQuestionId}` }), expect: signedIn },
  'DELETE /api/practice/favourites/:questionId': { request: (f) => ({ path: `/api/practice/favourites/${f.nationalQuestionId}` }), expect: signedIn },
  'POST /api/blueprints': { request: (f, n) => ({ path: '/api/blueprints', body: eastBlueprint(f, `方案${n}`) }), expect: scopedWrite(201) },
  'GET /api/blueprints': { request: () => ({ path: '/api/blueprints' }), expect: organisers(200) },
  'GET /api/blueprints/:id': { request: (f) => ({ path: `/api/blueprints/${f.blueprintId}` }), expect: scopedWrite(200) },
  'POST /api/exams': { request: (f, n) => ({ path: '/api/exams', body: eastExam(f, `考试${n}`) }), expect: scopedWrite(201) },
  'GET /api/exams': { request: () => ({ path: '/api/exams' }), expect: staffRead },
  'GET /api/exams/:id': { request: (f) => ({ path: `/api/exams/${f.examId}` }), expect: scopedRead },
  'POST /api/exams/:id/overrides': { request: (f) => ({ path: `/api/exams/${f.examId}/overrides`, body: { userId: f.eastCadreId, extraMinutes: 5, reason: '授权测试' } }), expect: scopedWrite(201) },
  'POST /api/exams/:id/make-up': { request: (f) => ({ path: `/api/exams/${f.examId}/make-up`, body: { opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString() } }), expect: scopedWrite(201) },
  'GET /api/exams/:id/attempts': { request: (f) => ({ path: `/api/exams/${f.examId}/attempts` }), expect: scopedRead },
  'POST /api/blueprints/pool-counts': { request: (f) => ({ path: '/api/blueprints/pool-counts', body: { organizationId: f.eastCountyId, rules: [{ type: 'judge', count: 1 }] } }), expect: scopedWrite(200) },
  'POST /api/blueprints/preview': { request: (f) => ({ path: '/api/blueprints/preview', body: { organizationId: f.eastCountyId, rules: [{ type: 'judge', count: 1 }] } }), expect: scopedWrite(200) },
  'POST /api/exams/audience-count': { request: (f) => ({ path: '/api/exams/audience-count', body: { organizationIds: [f.eastCountyId] } }), expect: scopedWrite(200) },
  'GET /api/exams/:id/monitor': { request: (f) => ({ path: `/api/exams/${f.examId}/monitor` }), expect: scopedRead },
  'POST /api/exams/:id/reminders': { request: (f) => ({ path: `/api/exams/${f.examId}/reminders` }), expect: scopedWrite(200) },
  'GET /api/exams/:id/results': { request: (f) => ({ path: `/api/exams/${f.examId}/results` }), expect: scopedRead },
  'GET /api/exams/:id/results/export': { request: (f) => ({ path: `/api/exams/${f.examId}/results/export` }), expect: scopedRead },
  'GET /api/exams/:id/statistics': { request: (f) => ({ path: `/api/exams/${f.examId}/statistics` }), expect: scopedRead },
  'GET /api/statistics/heatmap': { request: () => ({ path: '/api/statistics/heatmap' }), expect: staffRead },
  'GET /api/statistics/items': { request: () => ({ path: '/api/statistics/items' }), expect: staffRead },
  'GET /api/my/exams': { request: () => ({ path: '/api/my/exams' }), expect: signedIn },
  // Only people in the east county's audience can start; staff of the city sit outside it.
  'POST /api/exams/:id/attempts': { request: (f) => ({ path: `/api/exams/${f.examId}/attempts` }), expect: { anonymous: 401, cadre: 200, cadrePeer: 200, cadreWest: 404, organiserEast: 200, organiserWest: 404, bureau: 404, admin: 404 } },
  // An attempt is its sitter's alone: to everyone else it does not exist.
  'GET /api/attempts/:id': { request: (f) => ({ path: `/api/attempts/${f.attemptId}` }), expect: ownerOnly },
  'PUT /api/attempts/:id/answers/:ordinal': { request: (f, n) => ({ path: `/api/attempts/${f.attemptId}/answers/1`, body: { response: true, seq: n } }), expect: ownerOnly },
  'POST /api/attempts/:id/submit': { request: (f) => ({ path: `/api/attempts/${f.attemptId}/submit` }), expect: ownerOnly },
  'GET /api/attempts/:id/result': { request: (f) => ({ path: `/api/attempts/${f.attemptId}/result` }), expect: ownerOnly },
  'POST /api/study/sessions': { request: () => ({ path: '/api/study/sessions', body: { statute: 'xianfa' } }), expect: { ...all(201), anonymous: 401 } },
  'POST /api/study/sessions/:id/heartbeats': {
    request: (f, n) => ({ path: `/api/study/sessions/${f.sessionId}/heartbeats`, body: { seq: n, visibility: 'foreground', taps: 1, scrolls: 1, keys: 0, gapsMs: [], position: { statute: 'xianfa', article: 1, scroll: 0 }, clientAt: new Date().toISOString() } }),
    expect: ownerOnly,
  },
  'POST /api/study/checks/:id/answer': { request: (f) => ({ path: `/api/study/checks/${f.checkId}/answer`, body: { response: true } }), expect: ownerOnly },
  'POST /api/study/flags/:id/appeal': { request: (f) => ({ path: `/api/study/flags/${f.flagId}/appeal`, body: { note: '授权测试申诉' } }), expect: ownerOnly },
  'POST /api/study/sessions/:id/end': { request: (f) => ({ path: `/api/study/sessions/${f.sessionId}/end` }), expect: ownerOnly },
  'GET /api/study/sessions/:id/evidence': { request: (f) => ({ path: `/api/study/sessions/${f.sessionId}/evidence` }), expect: scopedRead },
  'GET /api/dashboard': { request: (f) => ({ path: `/api/dashboard?organizationId=${f.eastCountyId}&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z` }), expect: scopedRead },
  'GET /api/study/sessions/:id': { request: (f) => ({ path: `/api/study/sessions/${f.sessionId}` }), expect: { ...scopedRead, cadre: 200, cadrePeer: 404, cadreWest: 404 } },
  'GET /api/study/flags': { request: () => ({ path: '/api/study/flags' }), expect: staffRead },
  'POST /api/study/flags/:id/review': { request: (f) => ({ path: `/api/study/flags/${f.flagId}/review`, body: { decision: 'dismiss' } }), expect: { ...scopedWrite(200), bureau: 200 } },
  'GET /api/study/report': { request: () => ({ path: `/api/study/report?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z` }), expect: staffRead },
  'GET /api/study/report/export': { request: () => ({ path: `/api/study/report/export?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z` }), expect: staffRead },
  'POST /api/courses': { request: (f, n) => ({ path: '/api/courses', body: { organizationId: f.eastCountyId, title: `课程${n}`, items: [{ kind: 'article', statute: 'xianfa', article: 5 }], minMinutes: 10 } }), expect: scopedWrite(201) },
  'GET /api/courses': { request: () => ({ path: '/api/courses' }), expect: signedIn },
  'POST /api/meetings': { request: (f, n) => ({ path: '/api/meetings', body: eastMeeting(f, `会前学法${n}`) }), expect: scopedWrite(201) },
  'GET /api/meetings': { request: () => ({ path: '/api/meetings' }), expect: staffRead },
  'GET /api/meetings/:id': { request: (f) => ({ path: `/api/meetings/${f.meetingId}` }), expect: scopedRead },
  'GET /api/meetings/:id/qr': { request: (f) => ({ path: `/api/meetings/${f.meetingId}/qr` }), expect: scopedWrite(200) },
  // Any signed-in person may try a code; a malformed one is a 400 for everybody.
  'POST /api/meetings/check-in': { request: () => ({ path: '/api/meetings/check-in', body: { code: 'not-a-real-code' } }), expect: { ...all(400), anonymous: 401 } },
  'POST /api/meetings/:id/attendance': { request: (f) => ({ path: `/api/meetings/${f.meetingId}/attendance`, body: { userId: f.eastCadreId, reason: '授权测试补录' } }), expect: scopedWrite(200) },
  'GET /api/my/notifications': { request: () => ({ path: '/api/my/notifications' }), expect: signedIn },
  'GET /api/my/subscribe-templates': { request: () => ({ path: '/api/my/subscribe-templates' }), expect: signedIn },
  'GET /api/my/study': { request: () => ({ path: '/api/my/study?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z' }), expect: signedIn },
  'POST /api/campaigns': { request: (f, n) => ({ path: '/api/campaigns', body: eastCampaign(f, `学法活动${n}`) }), expect: scopedWrite(201) },
  'GET /api/campaigns': { request: () => ({ path: '/api/campaigns' }), expect: staffRead },
  'GET /api/campaigns/recurrence-preview': { request: () => ({ path: `/api/campaigns/recurrence-preview?expression=${encodeURIComponent('0 0 1 * *')}` }), expect: organisers(200) },
  'GET /api/campaigns/:id': { request: (f) => ({ path: `/api/campaigns/${f.campaignId}` }), expect: scopedRead },
  // The body leaves out the requirement that already has tasks, which an edit refuses after
  // authorisation: 400 shows the caller got that far.
  'PUT /api/campaigns/:id': { request: (f, n) => { const { organizationId: _, ...edit } = eastCampaign(f, `学法活动${n}`); return { path: `/api/campaigns/${f.campaignId}`, body: edit }; }, expect: scopedWrite(400) },
  'GET /api/campaigns/:id/completion': { request: (f) => ({ path: `/api/campaigns/${f.campaignId}/completion` }), expect: scopedRead },
  'GET /api/campaigns/:id/circular': { request: (f) => ({ path: `/api/campaigns/${f.campaignId}/circular` }), expect: scopedRead },
  'GET /api/campaigns/:id/circular/export': { request: (f) => ({ path: `/api/campaigns/${f.campaignId}/circular/export` }), expect: scopedRead },
  'GET /api/my/tasks': { request: () => ({ path: '/api/my/tasks' }), expect: signedIn },
  // The record owner's archive: theirs, and their reviewers'; a peer's or a foreign cadre's request is a 404.
  'GET /api/archive': { request: (f) => ({ path: `/api/archive?userId=${f.cadreId}&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z` }), expect: { ...scopedRead, cadre: 200, cadrePeer: 404, cadreWest: 404 } },
  'POST /api/lectures': { request: () => ({ path: '/api/lectures', body: { title: '授权测试讲法', givenAt: '2026-11-01T02:00:00Z', audienceSize: 10 } }), expect: { ...all(201), anonymous: 401 } },
  // A valid file: only its owner may replace a lecture's material or a 述法 report's attachment.
  'PUT /api/lectures/:id/material': { request: (f, n) => ({ path: `/api/lectures/${f.lectureId}/material`, upload: validUpload(n) }), expect: ownerOnly },
  'POST /api/lectures/:id/material': { request: (f, n) => ({ path: `/api/lectures/${f.lectureId}/material`, upload: validUpload(n) }), expect: ownerOnly },
  'GET /api/lectures/:id': { request: (f) => ({ path: `/api/lectures/${f.lectureId}` }), expect: { ...scopedRead, cadre: 200, cadrePeer: 404, cadreWest: 404 } },
  // Downloads, after the uploads above gave the records a file: as for reading the record.
  'GET /api/lectures/:id/material': { request: (f) => ({ path: `/api/lectures/${f.lectureId}/material` }), expect: { ...scopedRead, cadre: 200, cadrePeer: 404, cadreWest: 404 } },
  'GET /api/lectures': { request: () => ({ path: '/api/lectures' }), expect: staffRead },
  'GET /api/my/lectures': { request: () => ({ path: '/api/my/lectures' }), expect: signedIn },
  'POST /api/lectures/:id/review': { request: (f) => ({ path: `/api/lectures/${f.lectureId}/review`, body: { decision: 'verify' } }), expect: scopedWrite(200) },
  'PUT /api/law-reports': { request: (f) => ({ path: '/api/law-reports', body: { taskId: f.reportTaskId, content: LAW_REPORT_TEXT } }), expect: ownerOnly },
  'PUT /api/law-reports/:id/attachment': { request: (f, n) => ({ path: `/api/law-reports/${f.lawReportId}/attachment`, upload: validUpload(n) }), expect: ownerOnly },
  'POST /api/law-reports/:id/attachment': { request: (f, n) => ({ path: `/api/law-reports/${f.lawReportId}/attachment`, upload: validUpload(n) }), expect: ownerOnly },
  'GET /api/my/law-reports': { request: () => ({ path: '/api/my/law-reports' }), expect: signedIn },
  'GET /api/law-reports/:id': { request: (f) => ({ path: `/api/law-reports/${f.lawReportId}` }), expect: { ...scopedRead, cadre: 200, cadrePeer: 404, cadreWest: 404 } },
  'GET /api/law-reports/:id/attachment': { request: (f) => ({ path: `/api/law-reports/${f.lawReportId}/attachment` }), expect: { ...scopedRead, cadre: 200, cadrePeer: 404, cadreWest: 404 } },
  'GET /api/law-reports': { request: () => ({ path: '/api/law-reports' }), expect: staffRead },
  // The first reviewer in scope returns the report; later ones find it already returned (409), past authorisation.
  'POST /api/law-reports/:id/review': { request: (f) => ({ path: `/api/law-reports/${f.lawReportId}/review`, body: { decision: 'return', note: '授权测试退回' } }), expect: { anonymous: 401, cadre: 403, cadrePeer: 403, cadreWest: 403, organiserEast: 200, organiserWest: 404, bureau: 409, admin: 409 } },
  // The bot API takes no user token: without BOT_API_KEY configured (as here) it is closed to all;
  // with a key, a user token alone is a 401 (test/server/notifications/bot.test.ts).
  'POST /api/bot/notifications/claim': { request: () => ({ path: '/api/bot/notifications/claim', body: { botId: 'authz', limit: 1 } }), expect: all(503) },
  'POST /api/bot/notifications/:id/ack': { request: () => ({ path: '/api/bot/notifications/1/ack', body: { botId: 'authz', outcome: 'sent' } }), expect: all(503) },
  // The bot's API for people likewise (test/server/bot/bot-api.test.ts: key, binding, scope).
  'POST /api/bot/contacts': { request: () => ({ path: '/api/bot/contacts', body: { invitationCode: 'ABCDEFGH' } }), expect: all(503) },
  'POST /api/bot/dev/contacts': { request: () => ({ path: '/api/bot/dev/contacts', body: { phone: '13900000011' } }), expect: all(503) },
  'GET /api/bot/contacts/:contactKey': { request: () => ({ path: '/api/bot/contacts/xf0123456789abcdef' }), expect: all(503) },
  'GET /api/bot/contacts/:contactKey/practice/questions': { request: () => ({ path: '/api/bot/contacts/xf0123456789abcdef/practice/questions' }), expect: all(503) },
  'POST /api/bot/contacts/:contactKey/practice/answers': { request: (f) => ({ path: '/api/bot/contacts/xf0123456789abcdef/practice/answers', body: { questionId: f.nationalQuestionId, versionId: f.nationalVersionId, response: true, mode: 'random' } }), expect: all(503) },
  'GET /api/bot/contacts/:contactKey/tasks': { request: () => ({ path: '/api/bot/contacts/xf0123456789abcdef/tasks' }), expect: all(503) },
  'GET /api/bot/contacts/:contactKey/exams': { request: () => ({ path: '/api/bot/contacts/xf0123456789abcdef/exams' }), expect: all(503) },
  'GET /api/bot/contacts/:contactKey/messages': { request: () => ({ path: '/api/bot/contacts/xf0123456789abcdef/messages' }), expect: all(503) },
  'POST /api/bot/groups': { request: () => ({ path: '/api/bot/groups', body: { contactKey: 'xf0123456789abcdef', roomKey: '群', unitCode: 'DEMO-E' } }), expect: all(503) },
  'GET /api/bot/groups/daily': { request: () => ({ path: '/api/bot/groups/daily?roomKey=x' }), expect: all(503) },
  'POST /api/bot/groups/daily/answers': { request: () => ({ path: '/api/bot/groups/daily/answers', body: { roomKey: '群', contactKey: 'xf0123456789abcdef', response: 'A' } }), expect: all(503) },
  'POST /api/bot/staff/exam-reminders': { request: () => ({ path: '/api/bot/staff/exam-reminders', body: { contactKey: 'xf0123456789abcdef', examTitle: '考试' } }), expect: all(503) },
  'GET /api/bot/staff/progress': { request: () => ({ path: '/api/bot/staff/progress?contactKey=xf0123456789abcdef&name=x' }), expect: all(503) },
};

/** A small, valid upload (a plain-text lecture note). */
const validUpload = (n: number) => ({ name: `讲稿${n}.txt`, content: `授权测试讲稿第 ${n} 版：宪法第五条。` });

const LAW_REPORT_TEXT = '本人认真履行推进法治建设第一责任人职责，坚持重大决策合法性审查。'.repeat(3);

function eastCampaign(f: Fixture, name: string) {
  return {
    organizationId: f.eastCountyId, name, period: '2026 年度', startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    audience: { organizationIds: [f.eastCountyId], keyMinorityOnly: true },
    requirements: [{ kind: 'report', title: '年度述法', params: { rubric: [{ name: '依法决策', maxScore: 100 }] }, dueAt: new Date(Date.now() + 20 * 86_400_000).toISOString() }],
  };
}

function eastMeeting(f: Fixture, topic: string) {
  return { organizationId: f.eastCountyId, topic, place: '县政府会议室', startsAt: new Date(Date.now() + 600_000).toISOString(), endsAt: new Date(Date.now() + 4_200_000).toISOString(), creditMinutes: 30, inviteOrganizationIds: [f.eastCountyId] };
}

function eastBlueprint(f: Fixture, name: string) {
  return { name, organizationId: f.eastCountyId, kind: 'random', rules: [{ type: 'judge', count: 1 }], points: { single: 1, multiple: 1, judge: 1, fill: 1 }, passMark: 1, timeLimitMinutes: 30 };
}

function eastExam(f: Fixture, title: string) {
  return { title, blueprintId: f.blueprintId, opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString(), audience: { organizationIds: [f.eastCountyId] } };
}

function eastQuestion(label: string) {
  return {
    type: 'judge', stem: `东城县自编（${label}）：国家维护社会主义法制的统一和尊严。`, answer: true, difficulty: 1, tags: [],
    explanation: '宪法第五条第二款规定，国家维护社会主义法制的统一和尊严。', citations: [{ law: 'xianfa', article: 5, paragraph: 2 }],
  };
}

type Label = 'east' | 'peer' | 'west';
const LABELS: Label[] = ['east', 'peer', 'west'];
/** Text put in the records of the east cadre, the peer and the west cadre. */
const MARK: Record<Label, string> = { east: '〔东〕', peer: '〔同〕', west: '〔西〕' };
/** Text put in the records of the east and west counties (no peer has a county record). */
const COUNTY: Record<Label, string> = { east: '〔东县〕', peer: '〔无〕', west: '〔西县〕' };
const NAME: Record<Label, string> = { east: '王建国', peer: PEER.name, west: '孙丽华' };
type Visible = Partial<Record<Exclude<ActorName, 'anonymous'>, Label[]>>;
const byCounty: Visible = { organiserEast: ['east'], organiserWest: ['west'], bureau: ['east', 'west'], admin: ['east', 'west'] };
const byPerson: Visible = { organiserEast: ['east', 'peer'], organiserWest: ['west'], bureau: LABELS, admin: LABELS };
const ownOnly: Visible = { cadre: ['east'], cadrePeer: ['peer'], cadreWest: ['west'], organiserEast: [], organiserWest: [], bureau: [], admin: [] };
const asAudience: Visible = { cadre: ['east'], cadrePeer: ['east'], cadreWest: ['west'], organiserEast: [], organiserWest: [], bureau: [], admin: [] };
const PERIOD = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';

/** Every list, and which of the marked records each actor allowed to call it must see (and no other). */
const lists: Array<{ path: string; markers: Record<Label, string>; visible: Visible }> = [
  { path: '/api/meetings?pageSize=100', markers: COUNTY, visible: byCounty },
  { path: '/api/campaigns?pageSize=100', markers: COUNTY, visible: byCounty },
  { path: '/api/blueprints?pageSize=100', markers: COUNTY, visible: { organiserEast: ['east'], organiserWest: ['west'], admin: ['east', 'west'] } },
  { path: '/api/exams?pageSize=100', markers: COUNTY, visible: byCounty },
  { path: '/api/study/flags?pageSize=100', markers: MARK, visible: byPerson },
  { path: `/api/study/report?${PERIOD}`, markers: NAME, visible: byPerson },
  { path: '/api/users?pageSize=100', markers: NAME, visible: byPerson },
  { path: '/api/lectures?pageSize=100', markers: MARK, visible: byPerson },
  { path: '/api/law-reports?pageSize=100', markers: MARK, visible: byPerson },
  { path: '/api/my/lectures?pageSize=100', markers: MARK, visible: ownOnly },
  { path: '/api/my/law-reports?pageSize=100', markers: MARK, visible: ownOnly },
  { path: `/api/archive?${PERIOD}`, markers: MARK, visible: ownOnly },
  { path: '/api/my/tasks?pageSize=100', markers: COUNTY, visible: asAudience },
  { path: '/api/my/exams', markers: COUNTY, visible: { ...asAudience, organiserEast: ['east'], organiserWest: ['west'] } },
];

type Context = { app: TestApp; fixture: Fixture };

/**
 * Marked records of the west county (its organiser's blueprint, exam, meeting and campaign; its
 * cadre's lecture, 述法 report and flag) and of the peer cadre (lecture, 述法 report, flag).
 */
async function createForeignAndPeerRecords(app: TestApp, f: Fixture): Promise<void> {
  const db = app.running.deps.db;
  const west = await app.tokenFor(actors.organiserWest);
  const blueprintId = (await app.call('POST', '/api/blueprints', { token: west, body: { ...eastBlueprint(f, `西山方案${COUNTY.west}`), organizationId: f.westCountyId } })).body.data.id;
  const examBody = { ...eastExam(f, `西山考试${COUNTY.west}`), blueprintId, audience: { organizationIds: [f.westCountyId] } };
  const created = [
    await app.call('POST', '/api/exams', { token: west, body: examBody }),
    await app.call('POST', '/api/meetings', { token: west, body: { ...eastMeeting(f, `西山会前学法${COUNTY.west}`), organizationId: f.westCountyId, inviteOrganizationIds: [f.westCountyId] } }),
    await app.call('POST', '/api/campaigns', { token: west, body: { ...eastCampaign(f, `西山活动${COUNTY.west}`), organizationId: f.westCountyId, audience: { organizationIds: [f.westCountyId], keyMinorityOnly: true } } }),
  ];
  for (const response of created) assert.is(response.status, 201, JSON.stringify(response.body));
  const now = app.clock.now();
  for (const label of ['peer', 'west'] as const) {
    const who = label === 'peer' ? actors.cadrePeer : actors.cadreWest;
    const token = await app.tokenFor(who);
    const user = await db.user.findUniqueOrThrow({ where: { phone: who.phone! } });
    const task = await db.taskInstance.findFirstOrThrow({ where: { userId: user.id } });
    assert.is((await app.call('PUT', '/api/law-reports', { token, body: { taskId: task.id, content: `${LAW_REPORT_TEXT}${MARK[label]}` } })).status, 200);
    assert.is((await app.call('POST', '/api/lectures', { token, body: { title: `讲法${MARK[label]}`, givenAt: '2026-11-01T02:00:00Z', audienceSize: 12 } })).status, 201);
    const closed = await db.studySession.create({ data: { userId: user.id, statuteSlug: 'xianfa', startedAt: now, endedAt: now, status: 'closed', closedReason: 'ended' } });
    await db.studyFlag.create({ data: { sessionId: closed.id, userId: user.id, kind: 'idle', fromAt: now, toAt: now, evidence: { idleMinutes: 6 }, explanation: `授权测试${MARK[label]}` } });
  }
}

for (const dialect of testDialects()) {
  const authz = suite<Context>(`authorisation matrix [${dialect}]`, {} as Context);
  authz.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes' });
    const db = context.app.running.deps.db;
    const org = (code: string) => db.organization.findUniqueOrThrow({ where: { code } });
    await saveQuestions(db, [{ id: 'authz-east', ...eastQuestion('初版') } as never], { owner: { kind: 'organization', organizationId: (await org('DEMO-E')).id }, actorId: null });
    await saveQuestions(db, [{ id: 'authz-national', ...eastQuestion('全国'), stem: '全国题库：国家维护社会主义法制的统一和尊严。' } as never], { owner: { kind: 'national' }, actorId: null });
    const national = await db.question.findFirstOrThrow({ where: { externalId: 'authz-national' }, include: { versions: true } });
    context.fixture = {
      eastQuestionId: (await db.question.findFirstOrThrow({ where: { externalId: 'authz-east' } })).id,
      nationalQuestionId: national.id,
      nationalVersionId: national.versions[0]!.id,
      eastCountyId: (await org('DEMO-E')).id,
      eastUnitId: (await org('DEMO-E-GA')).id,
      eastCadreId: (await db.user.findUniqueOrThrow({ where: { phone: '13900000012' } })).id,
      cadreId: (await db.user.findUniqueOrThrow({ where: { phone: actors.cadre.phone! } })).id,
      westCountyId: (await org('DEMO-W')).id,
      blueprintId: 0, examId: 0, attemptId: 0, sessionId: 0, checkId: 0, flagId: 0, meetingId: 0, campaignId: 0, reportTaskId: 0, lectureId: 0, lawReportId: 0,
    };
    // An east-county exam with one attempt of the cadre actor, made the way organisers and cadres make them.
    const f = context.fixture;
    // The peer: a 关键少数 cadre in the record owner's own unit, so in every east audience too.
    const admin = await context.app.tokenFor(actors.admin);
    const peer = await context.app.call('POST', '/api/users', { token: admin, body: { ...PEER, organizationId: (await org('DEMO-E-ZF')).id, isKeyMinority: true } });
    assert.is(peer.status, 201, JSON.stringify(peer.body));
    const organiser = await context.app.tokenFor(actors.organiserEast);
    f.blueprintId = (await context.app.call('POST', '/api/blueprints', { token: organiser, body: eastBlueprint(f, `授权测试方案${COUNTY.east}`) })).body.data.id;
    f.examId = (await context.app.call('POST', '/api/exams', { token: organiser, body: eastExam(f, `授权测试考试${COUNTY.east}`) })).body.data.id;
    const cadre = await context.app.tokenFor(actors.cadre);
    f.attemptId = (await context.app.call('POST', `/api/exams/${f.examId}/attempts`, { token: cadre })).body.data.id;
    // A study session of the cadre actor with one pending presence check and one flag.
    f.sessionId = (await context.app.call('POST', '/api/study/sessions', { token: cadre, body: { statute: 'xianfa' } })).body.data.id;
    const now = context.app.clock.now();
    const cadreUser = await db.user.findUniqueOrThrow({ where: { phone: actors.cadre.phone! } });
    f.checkId = (await db.presenceCheck.create({ data: { sessionId: f.sessionId, questionVersionId: f.nationalVersionId, askedAt: now, expiresAt: new Date(now.getTime() + 3_600_000) } })).id;
    // Flags belong to closed sessions (closing re-derives the open ones), so the flag gets its own.
    const closed = await db.studySession.create({ data: { userId: cadreUser.id, statuteSlug: 'xianfa', startedAt: now, endedAt: now, status: 'closed', closedReason: 'ended' } });
    f.flagId = (await db.studyFlag.create({ data: { sessionId: closed.id, userId: cadreUser.id, kind: 'idle', fromAt: now, toAt: now, evidence: { idleMinutes: 6 }, explanation: `授权测试${MARK.east}` } })).id;
    f.meetingId = (await context.app.call('POST', '/api/meetings', { token: organiser, body: eastMeeting(f, `授权测试会前学法${COUNTY.east}`) })).body.data.id;
    // A campaign whose 述法 task the cadre actor has already answered, and one lecture of theirs.
    f.campaignId = (await context.app.call('POST', '/api/campaigns', { token: organiser, body: eastCampaign(f, `授权测试活动${COUNTY.east}`) })).body.data.id;
    f.reportTaskId = (await db.taskInstance.findFirstOrThrow({ where: { userId: cadreUser.id, requirement: { campaignId: f.campaignId } } })).id;
    f.lawReportId = (await context.app.call('PUT', '/api/law-reports', { token: cadre, body: { taskId: f.reportTaskId, content: `${LAW_REPORT_TEXT}${MARK.east}` } })).body.data.id;
    f.lectureId = (await context.app.call('POST', '/api/lectures', { token: cadre, body: { title: `授权测试讲法${MARK.east}`, givenAt: '2026-11-01T02:00:00Z', audienceSize: 12 } })).body.data.id;
    await createForeignAndPeerRecords(context.app, f);
  });
  authz.after(async ({ app }) => app.close());

  authz('every mounted endpoint is in the matrix, and the matrix lists no stale endpoint', ({ app }) => {
    const mounted = allRoutes(app.running.deps).map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    assert.equal(mounted, Object.keys(matrix).sort());
  });

  authz('every row names every actor, so none is skipped silently', () => {
    const incomplete = Object.entries(matrix).filter(([, row]) => Object.keys(row.expect).sort().join() !== [...ACTOR_NAMES].sort().join()).map(([endpoint]) => endpoint);
    assert.equal(incomplete, []);
  });

  // Before the status walk below, which reviews, dismisses and returns some of these records.
  authz('lists hold exactly what each actor may see: nothing of another county, nothing of a peer', async ({ app }) => {
    const problems: string[] = [];
    for (const list of lists) {
      for (const [actor, labels] of Object.entries(list.visible) as Array<[Exclude<ActorName, 'anonymous'>, Label[]]>) {
        const response = await app.call('GET', list.path, { token: await app.tokenFor(actors[actor]) });
        if (response.status !== 200) {
          problems.push(`${list.path} as ${actor}: ${response.status}`);
          continue;
        }
        const text = JSON.stringify(response.body.data);
        for (const label of LABELS) {
          const shown = text.includes(list.markers[label]);
          if (shown !== labels.includes(label)) problems.push(`${list.path} as ${actor}: ${label} ${shown ? 'shown' : 'missing'}`);
        }
      }
    }
    assert.equal(problems, []);
  });

  authz('each role gets exactly the expected status on each endpoint', async ({ app, fixture }) => {
    let n = 0;
    const mismatches: string[] = [];
    for (const [endpoint, row] of Object.entries(matrix)) {
      const method = endpoint.split(' ')[0]!;
      for (const actor of ACTOR_NAMES) {
        const expected = row.expect[actor];
        const token = actor === 'anonymous' ? undefined : await app.tokenFor(actors[actor]);
        const { path, body, upload } = row.request(fixture, ++n);
        const response = await app.call(method, path, { token, body, upload });
        if (response.status !== expected) mismatches.push(`${endpoint} as ${actor}: ${response.status} (expected ${expected}) ${JSON.stringify(response.body).slice(0, 160)}`);
      }
    }
    assert.equal(mismatches, []);
  });

  authz('lists stay inside the caller\'s organisation subtree', async ({ app, fixture }) => {
    const west = await app.tokenFor(actors.organiserWest);
    const users = await app.call('GET', '/api/users?pageSize=100', { token: west });
    assert.ok(users.body.data.length > 0);
    assert.ok(users.body.data.every((u: { organization: { code: string } }) => u.organization.code.startsWith('DEMO-W')), 'only 西山县 people');
    const organisations = await app.call('GET', '/api/organizations?pageSize=100', { token: west });
    assert.ok(organisations.body.data.every((o: { code: string }) => o.code.startsWith('DEMO-W')));
    const eastFilter = await app.call('GET', `/api/users?organizationId=${fixture.eastCountyId}`, { token: west });
    assert.is(eastFilter.status, 404);
    const audit = await app.call('GET', '/api/audit-logs?pageSize=100', { token: west });
    const eastOrgIds = new Set((await app.running.deps.db.organization.findMany({ where: { code: { startsWith: 'DEMO-E' } } })).map((o) => o.id));
    assert.ok(audit.body.data.every((entry: { organizationId: number | null }) => !eastOrgIds.has(entry.organizationId!)));
    const bureau = await app.tokenFor(actors.bureau);
    const cityWide = await app.call('GET', '/api/users?pageSize=100', { token: bureau });
    const codes = new Set(cityWide.body.data.map((u: { organization: { code: string } }) => u.organization.code.slice(0, 6)));
    assert.ok(codes.has('DEMO-E') && codes.has('DEMO-W'), 'the city bureau sees both counties');
  });

  authz('a lecture counts only for a campaign covering its cadre; another county\'s and a missing one are the same 404', async ({ app, fixture }) => {
    const lecture = (campaignId: number) => ({ title: '跨县讲法', givenAt: '2026-11-01T02:00:00Z', audienceSize: 5, campaignId });
    const west = await app.call('POST', '/api/lectures', { token: await app.tokenFor(actors.cadreWest), body: lecture(fixture.campaignId) });
    const missing = await app.call('POST', '/api/lectures', { token: await app.tokenFor(actors.cadreWest), body: lecture(999_999) });
    assert.is(west.status, 404);
    assert.equal(missing.body, west.body, 'a missing campaign answers exactly as a foreign one');
    const own = await app.call('POST', '/api/lectures', { token: await app.tokenFor(actors.cadrePeer), body: lecture(fixture.campaignId) });
    assert.is(own.status, 201, JSON.stringify(own.body));
    assert.is(own.body.data.campaignId, fixture.campaignId);
  });

  authz('only an admin grants staff roles; an organiser cannot make another organiser', async ({ app, fixture }) => {
    const east = await app.tokenFor(actors.organiserEast);
    const response = await app.call('POST', '/api/users', { token: east, body: { name: '越权者', organizationId: fixture.eastUnitId, roles: [{ role: 'organiser' }] } });
    assert.is(response.status, 403);
    const promote = await app.call('PATCH', `/api/users/${fixture.eastCadreId}`, { token: east, body: { roles: [{ role: 'admin' }] } });
    assert.is(promote.status, 403);
    const admin = await app.tokenFor(actors.admin);
    const granted = await app.call('POST', '/api/users', { token: admin, body: { name: '新组织者', organizationId: fixture.eastUnitId, roles: [{ role: 'organiser', scopeOrganizationId: fixture.eastCountyId }, { role: 'cadre' }] } });
    assert.is(granted.status, 201);
    assert.equal(granted.body.data.roles, [{ role: 'cadre', scopeOrganizationId: null }, { role: 'organiser', scopeOrganizationId: fixture.eastCountyId }]);
  });

  authz.run();
}
