import { z } from 'zod';
import { Timestamp } from '../http/schemas.ts';

export const PeopleImportQuery = z.object({
  dryRun: z.stringbool().default(false).meta({ description: 'true 时只检查、不写入' }),
});

const ImportIssueView = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

export const PeopleImportResultView = z.object({
  dryRun: z.boolean(),
  rows: z.number().int().meta({ description: '人员行数（不含空行）' }),
  emptyRows: z.number().int(),
  valid: z.number().int(),
  created: z.number().int(),
  updated: z.number().int().meta({ description: '按手机号找到且信息有变化的人员数' }),
  unchanged: z.number().int(),
  issues: z.array(ImportIssueView),
});

export const InvitationBatchBody = z.object({
  organizationId: z.number().int().positive().meta({ description: '为该单位（含下级单位）尚未绑定微信的人员发放邀请码' }),
});

export const InvitationBatchView = z.object({
  organizationId: z.number().int(),
  organizationName: z.string(),
  items: z.array(z.object({
    userId: z.number().int(),
    name: z.string(),
    organizationName: z.string(),
    code: z.string().meta({ description: '邀请码，仅此一次显示' }),
    expiresAt: Timestamp,
    link: z.string().meta({ description: '二维码内容：小程序“普通链接二维码”规则指向绑定页' }),
    miniProgramPath: z.string().meta({ description: '小程序绑定页路径（邀请码已填入）' }),
    qrSvg: z.string().meta({ description: '二维码（SVG）' }),
  })),
});

export const InvitationSheetBody = z.object({
  items: z.array(z.object({ userId: z.number().int().positive(), code: z.string().trim().min(4).max(16) })).min(1).max(2000),
});
