// GET /api/my/subscribe-templates: the template ids the mini-program asks consent for are the
// ones the server sends with (configuration), for any signed-in person only.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

for (const dialect of testDialects()) {
  const test = suite<{ app: TestApp }>(`GET /api/my/subscribe-templates [${dialect}]`, {} as { app: TestApp });
  test.before(async (context) => { context.app = await startTestApp(dialect, { WECHAT_TEMPLATE_TASK: 'tmpl-task-42' }); });
  test.after(async ({ app }) => app.close());

  test('a signed-in person gets the configured task template; nobody else does', async ({ app }) => {
    assert.is((await app.call('GET', '/api/my/subscribe-templates')).status, 401);
    const token = await app.tokenFor({ phone: '13900000011' });
    const response = await app.call('GET', '/api/my/subscribe-templates', { token });
    assert.equal(response.body, { ok: true, data: { templates: [{ kind: 'task', templateId: 'tmpl-task-42', title: '任务提醒' }] } });
  });

  test.run();
}
