// Invitation codes for a whole unit at once, and the sheet organisers hand out: name, unit, code
// and a QR code that opens the mini-program's bind page with the code filled in. Codes are only
// stored hashed, so the sheet is made from the codes the organiser holds, each checked against
// its live invitation before it is printed.
import ExcelJS from 'exceljs';
import QRCode from 'qrcode';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/service.ts';
import { newInvitationCode, normaliseInvitationCode, sha256 } from '../auth/secrets.ts';
import type { Db } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { RequestMeta } from '../http/route.ts';
import { authorize, organizationScopeWhere } from '../policy.ts';
import { BIND_PAGE_PATH } from './bind-page.ts';

const INVITATION_TTL_DAYS = 7;
/** The mini-program page that binds WeChat to a registered person; it reads `code`. */
export const BIND_PAGE = 'pages/login/index';

/**
 * What the QR code holds: an https link under `<origin>/mp/bind`, which the mini-program's
 * "扫普通链接二维码打开小程序" rule maps to the bind page (the page receives it as `q`).
 */
export function bindLink(origin: string, code: string): string {
  return `${origin.replace(/\/$/, '')}${BIND_PAGE_PATH}?code=${encodeURIComponent(code)}`;
}

type Invitee = { userId: number; name: string; organizationName: string; code: string; expiresAt: Date };

async function withQr(origin: string, invitee: Invitee) {
  const link = bindLink(origin, invitee.code);
  return {
    userId: invitee.userId, name: invitee.name, organizationName: invitee.organizationName, code: invitee.code,
    expiresAt: invitee.expiresAt.toISOString(), link, miniProgramPath: `${BIND_PAGE}?code=${invitee.code}`,
    qrSvg: await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
  };
}

export type IssueForUnitOptions = { db: Db; actor: Actor; meta: RequestMeta; organizationId: number; now: Date; origin: string };

/** New codes for every active person of the unit (and its sub-units) not yet bound to WeChat; older unused codes stop working. */
export async function issueInvitationsForUnit({ db, actor, meta, organizationId, now, origin }: IssueForUnitOptions) {
  const unit = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true, path: true, name: true } });
  if (!unit) throw new NotFoundError('单位不存在或无权访问');
  authorize(actor, 'user.invite', { organizationPath: unit.path });
  const people = await db.user.findMany({
    where: { status: 'active', wechat: null, organization: { path: { startsWith: unit.path } } },
    select: { id: true, name: true, organization: { select: { name: true } } }, orderBy: [{ organizationId: 'asc' }, { id: 'asc' }],
  });
  if (!people.length) throw new ValidationError(`“${unit.name}”没有尚未绑定微信的人员`);
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
  const invitees: Invitee[] = people.map((p) => ({ userId: p.id, name: p.name, organizationName: p.organization.name, code: newInvitationCode(), expiresAt }));
  await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { userId: { in: people.map((p) => p.id) }, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await tx.invitation.createMany({ data: invitees.map((i) => ({ codeHash: sha256(i.code), userId: i.userId, issuedById: actor.userId, expiresAt })) });
    await recordAudit(tx, { actorId: actor.userId, action: 'invitation.issueBatch', subjectType: 'organization', subjectId: unit.id, organizationId: unit.id, meta, details: { people: invitees.length } });
  });
  return { organizationId: unit.id, organizationName: unit.name, items: await Promise.all(invitees.map((i) => withQr(origin, i))) };
}

/** The codes as sent back by the console, each matched to its live, unused invitation in the actor's scope. */
async function liveInvitees(db: Db, actor: Actor, codes: Array<{ userId: number; code: string }>, now: Date): Promise<Invitee[]> {
  const rows = await db.invitation.findMany({
    where: {
      codeHash: { in: codes.map((c) => sha256(normaliseInvitationCode(c.code))) }, usedAt: null, revokedAt: null, expiresAt: { gt: now },
      user: { organization: organizationScopeWhere(actor, 'user.invite') },
    },
    select: { codeHash: true, userId: true, expiresAt: true, user: { select: { name: true, organization: { select: { name: true } } } } },
  });
  const byHash = new Map(rows.map((row) => [row.codeHash, row]));
  const stale: Array<{ path: string; code: string; message: string }> = [];
  const invitees = codes.flatMap(({ userId, code }, index) => {
    const row = byHash.get(sha256(normaliseInvitationCode(code)));
    if (!row || row.userId !== userId) { stale.push({ path: `body.items.${index}`, code: 'invitation_stale', message: `邀请码 ${code} 已失效、已使用或不属于该人员` }); return []; }
    return [{ userId, name: row.user.name, organizationName: row.user.organization.name, code: normaliseInvitationCode(code), expiresAt: row.expiresAt }];
  });
  if (stale.length) throw new ValidationError('部分邀请码已失效，请重新发放后再导出', stale);
  return invitees;
}

const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The xlsx handed to units: one row per person with the QR code as a picture beside the code. */
export async function invitationSheetXlsx(input: { db: Db; actor: Actor; codes: Array<{ userId: number; code: string }>; now: Date; origin: string }): Promise<Buffer> {
  const invitees = await liveInvitees(input.db, input.actor, input.codes, input.now);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('邀请码');
  sheet.columns = [
    { header: '姓名', key: 'name', width: 12 }, { header: '单位', key: 'unit', width: 28 }, { header: '邀请码', key: 'code', width: 14 },
    { header: '有效期至', key: 'expires', width: 12 }, { header: '绑定链接', key: 'link', width: 48 }, { header: '二维码', key: 'qr', width: 16 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const [index, invitee] of invitees.entries()) {
    const link = bindLink(input.origin, invitee.code);
    const row = sheet.addRow({ name: invitee.name, unit: invitee.organizationName, code: invitee.code, expires: shanghaiDay(invitee.expiresAt), link });
    row.height = 90;
    const png = await QRCode.toBuffer(link, { type: 'png', width: 110, margin: 1 });
    const image = workbook.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
    sheet.addImage(image, { tl: { col: 5, row: index + 1 }, ext: { width: 110, height: 110 } });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
