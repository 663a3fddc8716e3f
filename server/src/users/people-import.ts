// Bulk registration of people from a spreadsheet. The whole file is checked first — cells, units
// in the organiser's scope, phones already registered elsewhere — and with any problem nothing is
// written. The phone number identifies a person, so importing the same file again changes nothing
// and an edited file updates the people it names.
import ExcelJS from 'exceljs';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import type { ImportIssue } from '../bank/sheet/types.ts';
import type { Db, Tx } from '../db/client.ts';
import { ImportRejectedError } from '../errors.ts';
import type { RequestMeta, UploadedFile } from '../http/route.ts';
import { inScope, organizationScopeWhere, requirePermission, scopeFor } from '../policy.ts';
import { PEOPLE_COLUMNS, readPeopleSheet, type PersonRow } from './people-sheet.ts';
import { lockCadres } from '../rollups/lock-cadres.ts';
import { cadreMoved } from '../rollups/cadre-moved.ts';

type Planned = PersonRow & { organizationId: number; existingId: number | null; changed: boolean };
type StoredPerson = { id: number; name: string; position: string | null; rank: string | null; isKeyMinority: boolean; organizationId: number; organization: { path: string } };

/** Units are written by name or by code; a name two units share must be written as a code. */
async function unitResolver(db: Db, actor: Actor) {
  const units = await db.organization.findMany({ where: organizationScopeWhere(actor, 'user.create'), select: { id: true, code: true, name: true } });
  const byCode = new Map(units.map((u) => [u.code.toLowerCase(), u.id]));
  const byName = new Map<string, number[]>();
  for (const unit of units) byName.set(unit.name, [...(byName.get(unit.name) ?? []), unit.id]);
  return (text: string): { id: number } | { problem: string } => {
    const code = byCode.get(text.toLowerCase());
    if (code) return { id: code };
    const named = byName.get(text) ?? [];
    if (named.length === 1) return { id: named[0]! };
    if (named.length > 1) return { problem: `有 ${named.length} 个单位名为“${text}”，请改填单位代码` };
    return { problem: `未找到单位“${text}”（应为本人管辖范围内的单位名称或代码）` };
  };
}

function differs(stored: StoredPerson, person: PersonRow, organizationId: number): boolean {
  return stored.name !== person.name || stored.position !== person.position || stored.rank !== person.rank
    || stored.isKeyMinority !== person.isKeyMinority || stored.organizationId !== organizationId;
}

/** Matches every row to its unit and to the person already registered with that phone. */
async function planImport(db: Db, actor: Actor, people: PersonRow[]): Promise<{ planned: Planned[]; issues: ImportIssue[] }> {
  const resolve = await unitResolver(db, actor);
  const scope = scopeFor(actor, 'user.update');
  const stored = new Map<string, StoredPerson>();
  for (let start = 0; start < people.length; start += 400) {
    const rows = await db.user.findMany({
      where: { phone: { in: people.slice(start, start + 400).map((p) => p.phone) } },
      select: { id: true, phone: true, name: true, position: true, rank: true, isKeyMinority: true, organizationId: true, organization: { select: { path: true } } },
    });
    for (const row of rows) stored.set(row.phone!, row);
  }
  const planned: Planned[] = [];
  const issues: ImportIssue[] = [];
  for (const person of people) {
    const unit = resolve(person.unit);
    if ('problem' in unit) { issues.push({ row: person.row, column: '单位', message: unit.problem }); continue; }
    const existing = stored.get(person.phone);
    if (existing && !inScope(scope, existing.organization.path)) {
      issues.push({ row: person.row, column: '手机号', message: '该手机号已登记在本人管辖范围以外的单位，请联系上级管理员' });
      continue;
    }
    planned.push({ ...person, organizationId: unit.id, existingId: existing?.id ?? null, changed: !existing || differs(existing, person, unit.id) });
  }
  return { planned, issues };
}

async function writePerson(tx: Tx, person: Planned): Promise<void> {
  const fields = { name: person.name, position: person.position, rank: person.rank, isKeyMinority: person.isKeyMinority, organizationId: person.organizationId };
  if (person.existingId) {
    const before = await tx.user.findUniqueOrThrow({ where: { id: person.existingId }, select: { organizationId: true } });
    await tx.user.update({ where: { id: person.existingId }, data: fields });
    await cadreMoved(tx, person.existingId, before.organizationId, person.organizationId);
  } else await tx.user.create({ data: { ...fields, phone: person.phone, roles: { create: [{ role: 'cadre' }] } } });
}

export type PeopleImportOptions = { db: Db; actor: Actor; meta: RequestMeta; file: UploadedFile; dryRun: boolean };

export async function importPeople({ db, actor, meta, file, dryRun }: PeopleImportOptions) {
  requirePermission(actor, 'user.create');
  const sheet = await readPeopleSheet(file);
  const { planned, issues: planIssues } = await planImport(db, actor, sheet.people);
  const issues = [...sheet.issues, ...planIssues].sort((a, b) => a.row - b.row);
  const rows = sheet.people.length + new Set(sheet.issues.filter((i) => i.row > 0).map((i) => i.row)).size;
  if (issues.length && !dryRun) {
    throw new ImportRejectedError(`文件中有 ${issues.length} 处错误，未导入任何人员。请按行列修改后重新上传`, issues);
  }
  const created = planned.filter((p) => !p.existingId).length;
  const updated = planned.filter((p) => p.existingId && p.changed).length;
  if (!dryRun && created + updated > 0) {
    await db.$transaction(async (tx) => {
      // The people updated are locked first, so a move recounts their tasks on fresh evidence (task-rollup.ts).
      await lockCadres(tx, planned.flatMap((p) => (p.changed && p.existingId ? [p.existingId] : [])));
      for (const person of planned) if (person.changed) await writePerson(tx, person);
      await recordAudit(tx, {
        actorId: actor.userId, action: 'user.import', subjectType: 'people_import', subjectId: file.name.slice(0, 64), organizationId: null, meta,
        details: { file: file.name, created, updated },
      });
    });
  }
  return { dryRun, rows, emptyRows: sheet.emptyRows, valid: planned.length, created, updated, unchanged: planned.length - created - updated, issues };
}

const NOTES: Array<[string, string, string]> = [
  ['姓名', '必填', '2–50 个字'],
  ['手机号', '必填', '11 位手机号；同一手机号视为同一人，重新导入会更新其信息，不会重复登记'],
  ['单位', '必填', '本人管辖范围内的单位名称（重名时填单位代码）'],
  ['职务', '选填', '如 县司法局局长'],
  ['职级', '选填', '如 正科级'],
  ['是否关键少数', '选填', '是 或 否，留空按否'],
];

/** The empty template: one sheet to fill with a 是/否 drop-down, and one of instructions. */
export async function writePeopleTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = PEOPLE_COLUMNS.map((column) => ({ header: column, key: column, width: column === '单位' || column === '职务' ? 28 : 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn('手机号').numFmt = '@';
  (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add('F2:F2000', {
    type: 'list', allowBlank: true, formulae: ['"是,否"'], showErrorMessage: true, errorStyle: 'warning', errorTitle: '请选择', error: '请填写“是”或“否”',
  });
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [{ header: '列', width: 14 }, { header: '是否必填', width: 10 }, { header: '说明', width: 70 }];
  notes.getRow(1).font = { bold: true };
  for (const note of NOTES) notes.addRow(note);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
