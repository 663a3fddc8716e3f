// Bulk work on people: the xlsx import with its template, and invitation codes for a whole unit.
import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { InvitationBatchBody, InvitationBatchView, InvitationSheetBody, PeopleImportQuery, PeopleImportResultView } from './bulk-schemas.ts';
import { invitationSheetXlsx, issueInvitationsForUnit } from './invitation-batch.ts';
import { importPeople, writePeopleTemplate } from './people-import.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const peopleBulkRoutes = [
  defineRoute({
    method: 'post', path: '/api/people-imports', tag: '人员', summary: '从 xlsx 批量导入人员（按手机号识别，重复导入不重复登记）；有错误时返回行、列与原因，不写入',
    access: { kind: 'permission', permission: 'user.create' }, query: PeopleImportQuery, response: PeopleImportResultView,
    upload: { maxBytes: MAX_IMPORT_BYTES, description: '人员文件（.xlsx，导入模板格式：姓名、手机号、单位、职务、职级、是否关键少数）' },
    handler: ({ query, file }, { deps, actor, meta }) => importPeople({ db: deps.db, actor, meta, file: file!, dryRun: query.dryRun }),
  }),
  defineRoute({
    method: 'get', path: '/api/people-imports/template', tag: '人员', summary: '下载人员导入模板（.xlsx）',
    access: { kind: 'permission', permission: 'user.create' }, response: z.unknown(), download: { contentTypes: [XLSX] },
    handler: async () => ({ filename: '人员导入模板.xlsx', contentType: XLSX, body: await writePeopleTemplate() }),
  }),
  defineRoute({
    method: 'post', path: '/api/invitation-batches', tag: '人员', summary: '为一个单位尚未绑定微信的人员批量发放邀请码（含二维码）', status: 201,
    access: { kind: 'permission', permission: 'user.invite' }, body: InvitationBatchBody, response: InvitationBatchView,
    handler: ({ body }, { deps, actor, meta }) => issueInvitationsForUnit({ db: deps.db, actor, meta, organizationId: body.organizationId, now: deps.clock.now(), origin: deps.config.CONSOLE_ORIGIN }),
  }),
  defineRoute({
    method: 'post', path: '/api/invitation-batches/sheet', tag: '人员', summary: '导出邀请码表（xlsx，含二维码图片）；只接受仍有效的邀请码',
    access: { kind: 'permission', permission: 'user.invite' }, body: InvitationSheetBody, response: z.unknown(), download: { contentTypes: [XLSX] },
    async handler({ body }, { deps, actor }) {
      const now = deps.clock.now();
      const buffer = await invitationSheetXlsx({ db: deps.db, actor, codes: body.items, now, origin: deps.config.CONSOLE_ORIGIN });
      return { filename: `微信绑定邀请码-${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}.xlsx`, contentType: XLSX, body: buffer };
    },
  }),
];
