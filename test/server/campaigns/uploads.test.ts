// Uploaded files (lecture material, 述法 attachments) live in the file store, never in table
// rows: rows keep the SHA-256 and size, downloads stream from the store byte for byte, the one
// size limit (UPLOAD_MAX_MB) holds on both databases with a 413 in the envelope, and the
// database is as usable after a refused upload as before. Material stored in rows before the
// file store stays downloadable.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

const MB = 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type Context = { app: TestApp; cadre: string; peer: string; organiser: string; westOrganiser: string; lectureId: number };

for (const dialect of testDialects()) {
  const test = suite<Context>(`file uploads [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes' });
    context.cadre = await context.app.tokenFor({ phone: '13900000011' });
    context.peer = await context.app.tokenFor({ phone: '13900000012' });
    context.organiser = await context.app.tokenFor({ username: 'organiser-east' });
    context.westOrganiser = await context.app.tokenFor({ username: 'organiser-west' });
    const lecture = await context.app.call('POST', '/api/lectures', { token: context.cadre, body: {
      title: '宪法宣传周专题讲座', givenAt: new Date(context.app.clock.now().getTime() - 86_400_000).toISOString(), audienceSize: 40, statutes: ['xianfa'],
    } });
    assert.is(lecture.status, 201, JSON.stringify(lecture.body));
    context.lectureId = lecture.body.data.id;
  });
  test.after(async ({ app }) => app.close());

  test('a 17 MB material is stored in the file store, not the row, and downloads byte-identical', async ({ app, cadre, lectureId }) => {
    const bytes = randomBytes(17 * MB);
    const uploaded = await app.call('PUT', `/api/lectures/${lectureId}/material`, { token: cadre, upload: { name: '讲稿.pdf', content: bytes } });
    assert.is(uploaded.status, 200, JSON.stringify(uploaded.body));
    assert.is(uploaded.body.data.materialName, '讲稿.pdf');
    const row = await app.running.deps.db.lecture.findUniqueOrThrow({ where: { id: lectureId }, select: { material: true, materialSha256: true, materialSize: true } });
    assert.equal({ ...row }, { material: null, materialSha256: sha256(bytes), materialSize: bytes.length });
    const store = app.running.deps.config.FILE_STORE_DIR;
    assert.ok(existsSync(join(store, row.materialSha256!.slice(0, 2), row.materialSha256!)), 'the file is in the store, named by its checksum');
    const downloaded = await app.call<Buffer>('GET', `/api/lectures/${lectureId}/material`, { token: cadre, binary: true });
    assert.is(downloaded.status, 200);
    assert.match(downloaded.headers.get('content-disposition') ?? '', /filename\*=UTF-8''%E8%AE%B2%E7%A8%BF\.pdf/);
    assert.is(downloaded.body.length, bytes.length);
    assert.is(sha256(downloaded.body), sha256(bytes));
  });

  test('exactly UPLOAD_MAX_MB is accepted; one byte more is a 413 in the envelope; the database is fine afterwards', async ({ app, cadre, lectureId }) => {
    assert.is(app.running.deps.config.UPLOAD_MAX_MB, 20, 'the documented default');
    const limit = randomBytes(20 * MB);
    const atLimit = await app.call('PUT', `/api/lectures/${lectureId}/material`, { token: cadre, upload: { name: 'limit.bin', content: limit } });
    assert.is(atLimit.status, 200, JSON.stringify(atLimit.body));
    const over = await app.call('PUT', `/api/lectures/${lectureId}/material`, { token: cadre, upload: { name: 'over.bin', content: Buffer.concat([limit, Buffer.from([1])]) } });
    assert.is(over.status, 413);
    assert.equal(over.body, { ok: false, error: { code: 'file_too_large', message: '文件过大，最大 20 MB' } });
    const row = await app.running.deps.db.lecture.findUniqueOrThrow({ where: { id: lectureId }, select: { materialName: true, materialSha256: true } });
    assert.equal({ ...row }, { materialName: 'limit.bin', materialSha256: sha256(limit) }, 'the refused upload changed nothing');
    for (let i = 0; i < 8; i++) {
      const read = await app.call('GET', `/api/lectures/${lectureId}`, { token: cadre });
      assert.is(read.status, 200, 'every pooled connection still works');
    }
    const again = await app.call<Buffer>('GET', `/api/lectures/${lectureId}/material`, { token: cadre, binary: true });
    assert.is(sha256(again.body), sha256(limit));
  });

  test('only the owner uploads; the owner and reviewers in scope download; others get 404', async ({ app, cadre, peer, organiser, westOrganiser, lectureId }) => {
    const foreign = await app.call('PUT', `/api/lectures/${lectureId}/material`, { token: peer, upload: { name: 'x.txt', content: 'peer' } });
    assert.is(foreign.status, 404);
    assert.is((await app.call('GET', `/api/lectures/${lectureId}/material`, { token: peer })).status, 404);
    assert.is((await app.call('GET', `/api/lectures/${lectureId}/material`, { token: westOrganiser })).status, 404);
    assert.is((await app.call('GET', `/api/lectures/${lectureId}/material`, { token: organiser, binary: true })).status, 200);
    assert.is((await app.call('GET', `/api/lectures/${lectureId}/material`, { token: cadre, binary: true })).status, 200);
  });

  test('material stored in the row before the file store is still downloadable; a lecture without material is 404', async ({ app, cadre }) => {
    const { db } = app.running.deps;
    const bytes = randomBytes(64 * 1024);
    const user = await db.user.findUniqueOrThrow({ where: { phone: '13900000011' }, select: { id: true } });
    const legacy = await db.lecture.create({ data: { userId: user.id, title: '旧讲稿', givenAt: new Date('2026-01-01T00:00:00Z'), audienceSize: 10, statutes: [], materialName: '旧.doc', material: new Uint8Array(bytes) } });
    const downloaded = await app.call<Buffer>('GET', `/api/lectures/${legacy.id}/material`, { token: cadre, binary: true });
    assert.is(downloaded.status, 200);
    assert.is(sha256(downloaded.body), sha256(bytes));
    const empty = await db.lecture.create({ data: { userId: user.id, title: '无材料', givenAt: new Date('2026-01-01T00:00:00Z'), audienceSize: 10, statutes: [] } });
    const none = await app.call('GET', `/api/lectures/${empty.id}/material`, { token: cadre });
    assert.is(none.status, 404);
    assert.is(none.body.ok, false);
  });

  test('a 述法 attachment goes through the same store', async ({ app, cadre, organiser }) => {
    const { db } = app.running.deps;
    const eastId = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
    const now = app.clock.now().getTime();
    const campaign = await app.call('POST', '/api/campaigns', { token: organiser, body: {
      organizationId: eastId, name: '年度述法', period: '本年度', startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 90 * 86_400_000).toISOString(),
      audience: { organizationIds: [eastId] }, requirements: [{ kind: 'report', title: '年度述法', params: { rubric: [{ name: '学法用法', maxScore: 100 }] }, dueAt: new Date(now + 30 * 86_400_000).toISOString() }],
    } });
    assert.is(campaign.status, 201, JSON.stringify(campaign.body));
    const task = (await app.call('GET', '/api/my/tasks', { token: cadre })).body.data.find((t: { campaign: { id: number } }) => t.campaign.id === campaign.body.data.id);
    const report = await app.call('PUT', '/api/law-reports', { token: cadre, body: { taskId: task.id, content: '本人认真履行推进法治建设第一责任人职责，'.repeat(5) } });
    assert.is(report.status, 200, JSON.stringify(report.body));
    const bytes = randomBytes(3 * MB);
    const attached = await app.call('PUT', `/api/law-reports/${report.body.data.id}/attachment`, { token: cadre, upload: { name: '述法报告.docx', content: bytes } });
    assert.is(attached.status, 200, JSON.stringify(attached.body));
    const row = await db.lawReport.findUniqueOrThrow({ where: { id: report.body.data.id }, select: { attachment: true, attachmentSha256: true, attachmentSize: true } });
    assert.equal({ ...row }, { attachment: null, attachmentSha256: sha256(bytes), attachmentSize: bytes.length });
    const downloaded = await app.call<Buffer>('GET', `/api/law-reports/${report.body.data.id}/attachment`, { token: organiser, binary: true });
    assert.is(downloaded.status, 200);
    assert.is(sha256(downloaded.body), sha256(bytes));
  });

  test.run();
}
