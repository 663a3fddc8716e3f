// 通报: a campaign's completion for an organisation, each requirement ranked by unit. People are
// listed only when asked for (circulars do not shame individuals by default). The figures come
// from the task roll-up, kept by the same evaluator as each cadre's tasks, so they can be traced
// back to the archive.
import ExcelJS from 'exceljs';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/client.ts';
import { campaignCompletion } from './service.ts';

const STATE = { not_started: '未开始', in_progress: '进行中', submitted: '已提交', returned: '退回修改', done: '已完成', overdue: '逾期' } as const;

export async function circular(db: Db, actor: Actor, input: { campaignId: number; organizationId?: number; includePeople: boolean; now: Date }) {
  const completion = await campaignCompletion(db, actor, input.campaignId, input.now, input.organizationId, input.includePeople ? 'subtree' : 'none');
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: input.campaignId }, select: { name: true, period: true } });
  return {
    campaignId: input.campaignId, name: campaign.name, period: campaign.period, generatedAt: input.now.toISOString(),
    requirements: completion.requirements.map((r) => ({
      id: r.id, title: r.title, kind: r.kind, periodKey: r.periodKey,
      units: r.byOrganization.map((unit, index) => ({ rank: index + 1, ...unit })),
      people: input.includePeople ? r.people.map((p) => ({ userId: p.userId, name: p.name, organizationName: p.organizationName, state: p.state, missing: p.missing })) : null,
    })),
  };
}

export async function circularXlsx(report: Awaited<ReturnType<typeof circular>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const units = workbook.addWorksheet('单位排名');
  units.columns = [{ header: '要求', width: 24 }, { header: '周期', width: 12 }, { header: '名次', width: 6 }, { header: '单位', width: 24 }, { header: '应完成人数', width: 10 }, { header: '已完成人数', width: 10 }, { header: '完成率', width: 9 }];
  for (const r of report.requirements) for (const u of r.units) units.addRow([r.title, r.periodKey ?? '', u.rank, u.organizationName, u.people, u.done, `${Math.round(u.rate * 1000) / 10}%`]);
  if (report.requirements.some((r) => r.people)) {
    const people = workbook.addWorksheet('人员');
    people.columns = [{ header: '要求', width: 24 }, { header: '姓名', width: 10 }, { header: '单位', width: 24 }, { header: '状态', width: 10 }, { header: '尚缺', width: 30 }];
    for (const r of report.requirements) for (const p of r.people ?? []) people.addRow([r.title, p.name, p.organizationName, STATE[p.state], p.missing ?? '']);
  }
  for (const sheet of workbook.worksheets) { sheet.getRow(1).font = { bold: true }; sheet.views = [{ state: 'frozen', ySplit: 1 }]; }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
