import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp; east: string; west: string; cadre: string };
type Row = Array<string | number | null>;

const HEADER = ['姓名', '手机号', '单位', '职务', '职级', '是否关键少数'];

async function xlsx(rows: Row[], header = HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function eastPeople(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => [`导入干部${i + 1}`, `1361000${String(i).padStart(4, '0')}`, i % 2 ? '东城县公安局' : 'DEMO-E-ZF', '科员', '四级主任科员', i % 3 ? '否' : '是']);
}

for (const dialect of testDialects()) {
  const imports = suite<Context>(`/api/people-imports [${dialect}]`, {} as Context);
  imports.before(async (context) => {
    context.app = await startTestApp(dialect);
    context.east = await context.app.tokenFor({ username: 'organiser-east' });
    context.west = await context.app.tokenFor({ username: 'organiser-west' });
    context.cadre = await context.app.tokenFor({ phone: '13900000011' });
  });
  imports.after(async ({ app }) => app.close());

  const upload = (app: TestApp, token: string, content: Buffer, query = '') =>
    app.call('POST', `/api/people-imports${query}`, { token, upload: { name: '人员.xlsx', content } });

  imports('cadres may not import; the template has the six columns', async ({ app, cadre, east }) => {
    assert.is((await upload(app, cadre, await xlsx(eastPeople(1)))).status, 403);
    const template = await app.call('GET', '/api/people-imports/template', { token: east, binary: true });
    assert.is(template.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(template.body).buffer);
    assert.equal((workbook.getWorksheet('人员')!.getRow(1).values as string[]).slice(1), HEADER);
  });

  imports('a file with bad rows is refused whole, each problem at its row and column', async ({ app, east }) => {
    const rows = eastPeople(30);
    rows[4] = ['导入干部5', '1361000123', '东城县公安局', null, null, '否'];          // row 6: phone too short
    rows[19] = ['导入干部20', '13610000019', '西山县自然资源局', null, null, '否'];    // row 21: a unit of another county
    rows[24] = ['导入干部25', '13610000024', '东城县公安局', null, null, '也许'];      // row 26: neither 是 nor 否
    const file = await xlsx(rows);
    const refused = await upload(app, east, file);
    assert.is(refused.status, 422);
    assert.is(refused.body.error.code, 'import_invalid');
    assert.equal(refused.body.error.details.map((d: { row: number; column: string }) => [d.row, d.column]), [[6, '手机号'], [21, '单位'], [26, '是否关键少数']]);
    assert.match(refused.body.error.details[0].message, /11 位/);
    assert.is(await app.running.deps.db.user.count({ where: { name: { startsWith: '导入干部' } } }), 0, 'nothing written');
    const dry = await upload(app, east, file, '?dryRun=true');
    assert.is(dry.status, 200);
    assert.is(dry.body.data.issues.length, 3);
    assert.is(dry.body.data.valid, 27);
  });

  imports('a clean file: dry run counts, import writes, re-import changes nothing, an edit updates by phone', async ({ app, east }) => {
    const rows = eastPeople(30);
    const file = await xlsx(rows);
    const dry = await upload(app, east, file, '?dryRun=true');
    assert.equal({ created: dry.body.data.created, rows: dry.body.data.rows, issues: dry.body.data.issues }, { created: 30, rows: 30, issues: [] });
    assert.is(await app.running.deps.db.user.count({ where: { name: { startsWith: '导入干部' } } }), 0, 'a dry run writes nothing');
    const done = await upload(app, east, file);
    assert.is(done.status, 200);
    assert.is(done.body.data.created, 30);
    const listed = await app.call('GET', '/api/users?q=13610000003', { token: east });
    assert.equal(listed.body.data.map((u: { name: string; isKeyMinority: boolean; organization: { name: string }; roles: unknown }) => [u.name, u.isKeyMinority, u.organization.name, u.roles]),
      [['导入干部4', true, '东城县公安局', [{ role: 'cadre', scopeOrganizationId: null }]]]);
    const again = await upload(app, east, file);
    assert.equal([again.body.data.created, again.body.data.updated, again.body.data.unchanged], [0, 0, 30]);
    rows[0] = ['导入干部1', '13610000000', '东城县司法局', '股长', '四级主任科员', '是'];
    const edited = await upload(app, east, await xlsx(rows));
    assert.equal([edited.body.data.created, edited.body.data.updated, edited.body.data.unchanged], [0, 1, 29]);
    const person = await app.running.deps.db.user.findUniqueOrThrow({ where: { phone: '13610000000' }, include: { organization: true } });
    assert.equal([person.position, person.isKeyMinority, person.organization.name], ['股长', true, '东城县司法局']);
  });

  imports('another county cannot take over people by phone, nor see them', async ({ app, west }) => {
    const refused = await upload(app, west, await xlsx([['冒名', '13610000001', '西山县交通运输局', null, null, '否']]));
    assert.is(refused.status, 422);
    assert.equal(refused.body.error.details, [{ row: 2, column: '手机号', message: '该手机号已登记在本人管辖范围以外的单位，请联系上级管理员' }]);
    assert.is((await app.call('GET', '/api/users?q=导入干部', { token: west })).body.data.length, 0);
  });

  imports('repeated phones, missing columns and other files are reported', async ({ app, east }) => {
    const repeated = await upload(app, east, await xlsx([['甲某', '13620000001', '东城县公安局', null, null, null], ['乙某', '13620000001', '东城县公安局', null, null, null]]));
    assert.equal(repeated.body.error.details, [{ row: 3, column: '手机号', message: '手机号与第 2 行重复' }]);
    const noPhone = await upload(app, east, await xlsx([['甲某', '东城县公安局']], ['姓名', '单位']));
    assert.equal(noPhone.body.error.details, [{ row: 1, column: '手机号', message: '缺少“手机号”列' }]);
    const csv = await app.call('POST', '/api/people-imports', { token: east, upload: { name: 'a.csv', content: '姓名,手机号' } });
    assert.match(csv.body.error.details[0].message, /\.xlsx/);
  });

  imports.run();

  // ---

  const invitations = suite<Context>(`/api/invitation-batches [${dialect}]`, {} as Context);
  invitations.before(async (context) => {
    context.app = await startTestApp(dialect);
    context.east = await context.app.tokenFor({ username: 'organiser-east' });
    context.west = await context.app.tokenFor({ username: 'organiser-west' });
  });
  invitations.after(async ({ app }) => app.close());

  const unitId = async (app: TestApp, code: string) => (await app.running.deps.db.organization.findUniqueOrThrow({ where: { code } })).id;

  invitations('codes for every unbound person of a unit, each with a QR code of the bind link; another county gets 404', async ({ app, east, west }) => {
    const police = await unitId(app, 'DEMO-E-GA');
    assert.is((await app.call('POST', '/api/invitation-batches', { token: west, body: { organizationId: police } })).status, 404);
    const batch = await app.call('POST', '/api/invitation-batches', { token: east, body: { organizationId: police } });
    assert.is(batch.status, 201);
    assert.equal(batch.body.data.items.map((i: { name: string }) => i.name).sort(), ['李卫东', '赵敏']);
    const first = batch.body.data.items[0];
    assert.match(first.code, /^[2-9A-HJ-NP-Z]{8}$/);
    assert.is(first.miniProgramPath, `pages/login/index?code=${first.code}`);
    assert.ok(first.link.endsWith(`/mp/bind?code=${first.code}`));
    assert.match(first.qrSvg, /^<svg[^>]*>.*<path/s);
    // A code from the batch binds WeChat.
    app.wechat.register('code-batch', 'openid-batch');
    const ticket = (await app.call('POST', '/api/auth/wechat/login', { body: { code: 'code-batch' } })).body.data.bindTicket;
    assert.is((await app.call('POST', '/api/auth/wechat/bind', { body: { bindTicket: ticket, invitationCode: first.code } })).status, 200);
    const next = await app.call('POST', '/api/invitation-batches', { token: east, body: { organizationId: police } });
    assert.equal(next.body.data.items.map((i: { userId: number }) => i.userId), batch.body.data.items.slice(1).map((i: { userId: number }) => i.userId), 'the bound person gets no new code');
  });

  invitations('the sheet is an xlsx with a row and a QR picture per live code; stale codes are refused', async ({ app, east, west }) => {
    const county = await unitId(app, 'DEMO-E');
    const batch = (await app.call('POST', '/api/invitation-batches', { token: east, body: { organizationId: county } })).body.data;
    const codes = batch.items.map((i: { userId: number; code: string }) => ({ userId: i.userId, code: i.code }));
    const sheet = await app.call('POST', '/api/invitation-batches/sheet', { token: east, body: { items: codes }, binary: true });
    assert.is(sheet.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(sheet.body).buffer);
    const rows = workbook.getWorksheet('邀请码')!;
    assert.is(rows.rowCount, codes.length + 1);
    assert.is(rows.getRow(2).getCell(3).value, codes[0].code);
    assert.is(rows.getImages().length, codes.length);
    assert.is((await app.call('POST', '/api/invitation-batches/sheet', { token: west, body: { items: codes } })).status, 400, 'not in the other county\'s scope');
    await app.call('POST', '/api/invitation-batches', { token: east, body: { organizationId: county } });
    const stale = await app.call('POST', '/api/invitation-batches/sheet', { token: east, body: { items: codes.slice(0, 1) } });
    assert.is(stale.status, 400);
    assert.match(stale.body.error.details[0].message, /已失效/);
  });

  invitations.run();
}
