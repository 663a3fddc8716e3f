// Subscribe-message consent (wx.requestSubscribeMessage) with the server's template ids, asked at
// moments that make sense: after binding and before an exam. A refusal is the person's choice and
// never blocks them.
import { request } from './request';

/**
 * The template ids, for a page to load before the tap that asks: on a phone
 * wx.requestSubscribeMessage is refused ("can only be invoked by user TAP gesture") once anything
 * asynchronous ran in between. Null when they could not be loaded.
 */
export function reminderTemplateIds(): Promise<string[] | null> {
  return request('get', '/api/my/subscribe-templates').then(({ templates }) => templates.map((t) => t.templateId), () => null);
}

/**
 * Opens the consent dialog with ids the page loaded beforehand; call it synchronously in the tap
 * handler, before any await. Without ids (they could not be loaded) it does nothing: fetching them
 * now would leave the tap and the phone would refuse anyway.
 */
export async function askForReminders(ids: string[] | null): Promise<void> {
  try {
    if (!ids?.length) return;
    await new Promise<void>((resolve) => {
      wx.requestSubscribeMessage({ tmplIds: ids, complete: () => resolve() } as WechatMiniprogram.RequestSubscribeMessageOption);
    });
  } catch {
    // Reminders are a convenience; failing to ask must not stop sign-in or an exam.
  }
}
