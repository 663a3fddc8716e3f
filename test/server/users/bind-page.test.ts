// /mp/bind, the address in every invitation QR code, opened in an ordinary browser (a phone's
// camera instead of WeChat): a small Chinese page saying to scan it with WeChat, with the code to
// type in the mini-program; nothing planted in the link reaches the page.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp; east: string };

for (const dialect of testDialects()) {
  const page = suite<Context>(`/mp/bind page [${dialect}]`, {} as Context);
  page.before(async (context) => {
    context.app = await startTestApp(dialect);
    context.east = await context.app.tokenFor({ username: 'organiser-east' });
  });
  page.after(async ({ app }) => app.close());

  page('the link of an issued code answers a readable Chinese page with that code, not the console', async ({ app, east }) => {
    const police = await app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E-GA' } });
    const item = (await app.call('POST', '/api/invitation-batches', { token: east, body: { organizationId: police.id } })).body.data.items[0];
    const link = new URL(item.link);
    assert.is(link.pathname, '/mp/bind');
    const response = await app.call('GET', `${link.pathname}${link.search}`);
    assert.is(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/html; charset=utf-8/);
    assert.is(response.headers.get('cache-control'), 'no-store');
    const html: string = response.body;
    assert.match(html, '<html lang="zh-CN">');
    assert.match(html, 'name="viewport" content="width=device-width, initial-scale=1"');
    assert.match(html, '请用微信扫码');
    assert.match(html, '扫一扫');
    assert.match(html, `<p class="code" data-testid="invitation-code">${item.code}</p>`);
    assert.not.match(html, item.name, 'no one\'s name, only the code');
    assert.not.match(html, '/console/assets/', 'not the console app');
  });

  page('a code typed with spaces or lower case is shown as the mini-program expects it; inside WeChat the page says to open the mini-program', async ({ app }) => {
    const html: string = (await app.call('GET', '/mp/bind?code=ab2c-d3ef%20gh', { headers: { 'user-agent': 'Mozilla/5.0 MicroMessenger/8.0.50' } })).body;
    assert.match(html, '>AB2CD3EFGH</p>');
    assert.match(html, '请打开「学法」小程序');
  });

  page('anything but a code is not reflected: markup, quotes and long text are dropped', async ({ app }) => {
    for (const planted of ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'ABCD&lt;', '请拨打12345678领取补贴', 'A'.repeat(40)]) {
      const response = await app.call('GET', `/mp/bind?code=${encodeURIComponent(planted)}`);
      assert.is(response.status, 200);
      const html: string = response.body;
      assert.not.match(html, /<script|<img|onerror|alert|&lt;|请拨打|AAAAAAAAAAAAAAAAAAAAA/);
      assert.not.match(html, 'data-testid="invitation-code"');
      assert.match(html, '链接中没有有效的邀请码');
    }
    const missing: string = (await app.call('GET', '/mp/bind')).body;
    assert.match(missing, '链接中没有有效的邀请码');
  });

  page('only GET and HEAD: other methods are not answered with the page', async ({ app }) => {
    const head = await fetch(`${app.running.url}/mp/bind?code=ABCDEFGH`, { method: 'HEAD' });
    assert.is(head.status, 200);
    assert.is((await app.call('POST', '/mp/bind?code=ABCDEFGH', { body: {} })).status, 404);
  });

  page.run();
}
