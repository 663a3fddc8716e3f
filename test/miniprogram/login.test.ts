// 登录/绑定 against a real server and the fake WeChat: a bound cadre goes home; an unbound one
// binds by name + phone + organisation code or by invitation code and is asked for reminders;
// wrong details show the server's reason; the development login works without a real appid.
import './setup.ts';
import { bindWechat, startMiniprogramServer, wxEnv, type MiniprogramServer } from './wx-env.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detachAll, openPage, stateView, tap, textOf, typeInto, until } from './pages.ts';

type Context = { server: MiniprogramServer };
const login = suite<Context>('pages/login', {} as Context);
login.before(async (context) => {
  context.server = await startMiniprogramServer({ WECHAT_TEMPLATE_TASK: 'tmpl-task' });
  await bindWechat(context.server, 'openid-bound', '13900000011');
});
login.after(async ({ server }) => server.close());
login.before.each(() => wxEnv.reset());
login.after.each(detachAll);

const HOME = { kind: 'reLaunch', url: '/pages/home/index', delta: undefined };

async function identity(server: MiniprogramServer, phone: string) {
  const me = (await server.app.call('GET', '/api/me', { token: await server.app.tokenFor({ phone }) })).body.data;
  return { id: me.id as number, name: me.name as string, organizationCode: me.organization.code as string };
}

login('a bound cadre goes straight home with a stored token', async ({ server }) => {
  server.loginAs('openid-bound');
  await openPage('pages/login/index');
  await until(() => wxEnv.navigations.length > 0, 'navigation');
  assert.equal(wxEnv.lastNavigation(), HOME);
  assert.ok(String(wxEnv.storage.get('xuefa.token')).length > 20);
});

login('an unbound cadre binds by name, phone and organisation code, is asked for reminders, then goes home', async ({ server }) => {
  server.loginAs('openid-new-1');
  const page = await openPage('pages/login/index');
  await until(() => page.data.status === 'ready' && page.data.bindTicket !== '', 'bind form');
  assert.ok(page.querySelector('.method-invitation') && page.querySelector('.method-identity'), 'both methods offered');
  await tap(page, '.method-identity', '.t-button');
  const who = await identity(server, '13900000012');
  await typeInto(page, '.name', who.name);
  await typeInto(page, '.phone', '13900000012');
  await typeInto(page, '.organization-code', who.organizationCode);
  assert.equal([page.data.name, page.data.phone, page.data.organizationCode], [who.name, '13900000012', who.organizationCode]);
  await tap(page, '.bind', '.t-button');
  await until(() => page.data.bound, 'bound, reminders offered');
  assert.match(textOf(page), '绑定成功');
  // The consent dialog opens within this tap of its own (a phone refuses it after the bind request).
  await tap(page, '.remind', '.t-button');
  await until(() => wxEnv.navigations.length > 0, 'navigation');
  assert.equal(wxEnv.lastNavigation(), HOME);
  assert.equal([wxEnv.subscribeRequests, wxEnv.subscribeRefusals], [[['tmpl-task']], 0]);
  const me = (await server.app.call('GET', '/api/me', { token: String(wxEnv.storage.get('xuefa.token')) })).body.data;
  assert.equal([me.id, me.wechatBound], [who.id, true]);
});

login("wrong details show the server's reason and keep the cadre on the form", async ({ server }) => {
  server.loginAs('openid-new-2');
  const page = await openPage('pages/login/index');
  await until(() => page.data.bindTicket !== '', 'bind form');
  await tap(page, '.bind', '.t-button');
  assert.is(page.data.bindError, '请填写邀请码', 'checked before sending');
  await typeInto(page, '.invitation-code', 'WRONGCODE');
  await tap(page, '.bind', '.t-button');
  await until(() => page.data.bindError !== '' && !page.data.submitting, 'server refusal');
  assert.match(page.data.bindError, /[\u4e00-\u9fa5]/);
  assert.match(textOf(page), page.data.bindError);
  assert.is(wxEnv.navigations.length, 0);
});

login('an invitation code from the organiser binds', async ({ server }) => {
  const who = await identity(server, '13900000013');
  const organiser = await server.app.tokenFor({ username: 'organiser-east' });
  const invitation = await server.app.call('POST', `/api/users/${who.id}/invitations`, { token: organiser });
  assert.ok(invitation.body.data?.code, JSON.stringify(invitation.body));
  server.loginAs('openid-new-3');
  const page = await openPage('pages/login/index');
  await until(() => page.data.bindTicket !== '', 'bind form');
  await typeInto(page, '.invitation-code', invitation.body.data.code);
  await tap(page, '.bind', '.t-button');
  await until(() => page.data.bound, 'bound, reminders offered');
  await tap(page, '.skip-remind', '.t-button');
  await until(() => wxEnv.navigations.length > 0, 'navigation');
  assert.equal([wxEnv.lastNavigation(), wxEnv.subscribeRequests], [HOME, []], 'declined: home without the dialog');
});

login("when WeChat cannot log in, the reason shows and the development login still works", async ({ server }) => {
  server.app.wechat.setDown(true);
  try {
    const page = await openPage('pages/login/index');
    await until(() => page.data.status === 'ready', 'login page');
    assert.ok(page.querySelector('.login-error'));
    assert.ok(page.data.message.length > 0);
    await typeInto(page, '.dev-phone', '13900000011');
    await tap(page, '.dev-login', '.t-button');
    await until(() => wxEnv.navigations.length > 0, 'navigation');
    assert.equal(wxEnv.lastNavigation(), HOME);
    assert.ok(wxEnv.storage.has('xuefa.token'));
    assert.is(stateView(page).querySelector('.state__retry'), undefined);
  } finally {
    server.app.wechat.setDown(false);
  }
});

login.run();
