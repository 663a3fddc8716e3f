// Wechaty on wechaty-puppet-mock, for the console mode and the end-to-end tests. The mock
// puppet forgets remarks (contactAlias is a no-op there), while real WeChat keeps them and the
// bot relies on that to find people again; this puppet keeps them in the mock's payloads.
import { WechatyBuilder, type Wechaty } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';

class RemarkKeepingPuppetMock extends PuppetMock {
  override async contactAlias(contactId: string): Promise<string>;
  override async contactAlias(contactId: string, alias: string | null): Promise<void>;
  override async contactAlias(contactId: string, alias?: string | null): Promise<string | void> {
    const payload = this.mocker.contactPayload(contactId);
    if (alias === undefined) return payload.alias ?? '';
    this.mocker.contactPayload(contactId, { ...payload, alias: alias ?? '' });
  }
}

export type MockWorld = { bot: Wechaty; mocker: mock.Mocker; self: mock.ContactMock };

/** A started Wechaty logged in as a mock account named `selfName`. */
export async function startMockWechaty(selfName = '学法机器人'): Promise<MockWorld> {
  const mocker = new mock.Mocker();
  const bot = WechatyBuilder.build({ name: `xuefa-mock-${process.pid}-${Date.now()}`, puppet: new RemarkKeepingPuppetMock({ mocker }) });
  const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()));
  await bot.start();
  const self = mocker.createContact({ name: selfName });
  mocker.login(self);
  await loggedIn;
  return { bot, mocker, self };
}
