import { defineRoute } from '../http/route.ts';
import { IdParams } from '../http/schemas.ts';
import { CheckInBody, CheckInView, CreateMeetingBody, ManualAttendanceBody, MeetingListQuery, MeetingView, QrView } from './schemas.ts';
import { checkIn, createMeeting, getMeeting, listMeetings, meetingCode, recordAttendance } from './service.ts';

const manage = { kind: 'permission', permission: 'study.manage' } as const;
const review = { kind: 'permission', permission: 'study.review' } as const;

export const meetingRoutes = [
  defineRoute({
    method: 'post', path: '/api/meetings', tag: '线下学法', summary: '新建线下学法活动（会前学法、培训、旁听庭审）', status: 201,
    access: manage, body: CreateMeetingBody, response: MeetingView,
    handler: ({ body }, { deps, actor, meta }) => createMeeting({ db: deps.db, actor, meta, body }),
  }),
  defineRoute({
    method: 'get', path: '/api/meetings', tag: '线下学法', summary: '线下学法活动列表', access: review, query: MeetingListQuery, response: MeetingView, paginated: true,
    handler: ({ query }, { deps, actor }) => listMeetings(deps.db, actor, query),
  }),
  defineRoute({
    method: 'get', path: '/api/meetings/:id', tag: '线下学法', summary: '活动详情与签到情况', access: review, params: IdParams, response: MeetingView,
    handler: ({ params }, { deps, actor }) => getMeeting(deps.db, actor, params.id),
  }),
  defineRoute({
    method: 'get', path: '/api/meetings/:id/qr', tag: '线下学法', summary: '当前签到码（每 30 秒更换，在控制台显示为二维码）', access: manage, params: IdParams, response: QrView,
    handler: ({ params }, { deps, actor }) => meetingCode(deps.db, actor, params.id, deps.clock.now()),
  }),
  defineRoute({
    method: 'post', path: '/api/meetings/check-in', tag: '线下学法', summary: '扫码签到', access: { kind: 'signed-in' }, body: CheckInBody, response: CheckInView,
    handler: ({ body }, { deps, actor }) => checkIn(deps.db, actor, body.code, deps.clock.now()),
  }),
  defineRoute({
    method: 'post', path: '/api/meetings/:id/attendance', tag: '线下学法', summary: '补录出勤（须填写原因，记入审计日志）',
    access: manage, params: IdParams, body: ManualAttendanceBody, response: MeetingView,
    handler: ({ params, body }, { deps, actor, meta }) => recordAttendance({ db: deps.db, actor, meta, meetingId: params.id, ...body, now: deps.clock.now() }),
  }),
];
