// Small edges of every request: ids are decimal digits only, the bot key is checked before the
// body is validated, and `%` and `_` in search filters are matched as themselves on both databases.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { saveQuestions } from '../../server/src/questions/store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testDialects } from '../support/databases.ts';

const BOT_KEY = 'edge-bot-key-0123456789';
type Context = { app: TestApp; admin: string };

for (const dialect of testDialects()) {
  const edges = suite<Context>(`request edges [${dialect}]`, {} as Context);
  edges.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes', BOT_API_KEY: BOT_KEY });
    context.admin = await context.app.tokenFor({ username: 'admin' });
  });
  edges.after(async ({ app }) => app.close());

  edges('ids in paths and page numbers are decimal digits only', async ({ app, admin }) => {
    const user = (await app.call('GET', '/api/users?pageSize=1', { token: admin })).body.data[0];
    assert.is((await app.call('GET', `/api/users/${user.id}`, { token: admin })).status, 200);
    for (const id of [`0x${user.id.toString(16)}`, `${user.id}e0`, `${user.id}.0`, `+${user.id}`, '-1', '0']) {
      const response = await app.call('GET', `/api/users/${encodeURIComponent(id)}`, { token: admin });
      assert.equal([response.status, response.body.error?.details?.[0]?.path], [400, 'params.id'], id);
    }
    assert.is((await app.call('GET', '/api/users?page=1e3', { token: admin })).status, 400);
    const filtered = await app.call('GET', `/api/users?organizationId=0x${user.organization.id.toString(16)}`, { token: admin });
    assert.equal([filtered.status, filtered.body.error?.details?.[0]?.path], [400, 'query.organizationId'], 'ids in queries too');
    assert.is((await app.call('GET', `/api/statutes/xianfa/articles/0x5`)).status, 400);
  });

  edges('the bot key is checked before the body, so anonymous callers learn nothing of its schema', async ({ app }) => {
    const attempts: Array<Record<string, string>> = [{}, { 'x-bot-key': 'wrong-key-0123456789' }];
    for (const headers of attempts) {
      const response = await app.call('POST', '/api/bot/notifications/claim', { headers, body: { limit: 'many' } });
      assert.equal([response.status, response.body.error.code, response.body.error.details], [401, 'bot_key_invalid', undefined]);
    }
    const keyed = await app.call('POST', '/api/bot/notifications/claim', { headers: { 'x-bot-key': BOT_KEY }, body: { limit: 'many' } });
    assert.equal([keyed.status, keyed.body.error.code], [400, 'validation_failed'], 'with the key, the body is validated');
  });

  edges('% and _ in search filters match themselves, not anything', async ({ app, admin }) => {
    const db = app.running.deps.db;
    const unit = await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    await db.user.create({ data: { name: '百分_号%人', phone: '13700009999', organizationId: unit.id, roles: { create: { role: 'cadre' } } } });
    const names = async (q: string) => (await app.call('GET', `/api/users?pageSize=100&q=${encodeURIComponent(q)}`, { token: admin })).body.data.map((u: { name: string }) => u.name);
    assert.equal(await names('%'), ['百分_号%人']);
    assert.equal(await names('_'), ['百分_号%人']);
    assert.equal(await names('分_号%'), ['百分_号%人']);
    assert.equal(await names('!'), []);
    assert.ok((await names('王')).includes('王建国'), 'plain searches still work');
    const organisations = (await app.call('GET', `/api/organizations?q=${encodeURIComponent('DEMO_E')}`, { token: admin })).body.data;
    assert.equal(organisations, [], '"_" is not a wildcard in organisation codes');
    assert.ok((await app.call('GET', `/api/organizations?q=${encodeURIComponent('DEMO-E')}`, { token: admin })).body.data.length > 0);
    await saveQuestions(db, [{ id: 'edge-percent', type: 'judge', stem: '罚款不超过 50% 的，适用简易程序。', answer: false, difficulty: 1, tags: [], explanation: '测试', citations: [{ law: 'xianfa', article: 5 }] } as never], { owner: { kind: 'national' }, actorId: null });
    const stems = async (keyword: string) => (await app.call('GET', `/api/questions?pageSize=100&keyword=${encodeURIComponent(keyword)}`, { token: admin })).body.data.map((q: { stem: string }) => q.stem);
    assert.equal(await stems('50%'), ['罚款不超过 50% 的，适用简易程序。']);
    assert.equal(await stems('%'), ['罚款不超过 50% 的，适用简易程序。']);
  });

  edges.run();
}
