// Subscribe-message consent (wx.requestSubscribeMessage) with the server's template ids, asked at
// moments that make sense: after binding and before an exam. A refusal is the person's choice and
// never blocks them.
import { request } from './request';

async function templateIds(): Promise<string[]> {
  const { templates } = await request('get', '/api/my/subscribe-templates');
  return templates.map((t) => t.templateId);
}

/**
 * The template ids, for a page to load before the tap that asks: on a phone
 * wx.requestSubscribeMessage is refused ("can only be invoked by user TAP gesture") once anything
 * asynchronous ran in between. Null when they could not be loaded.
 */
export function reminderTemplateIds(): Promise<string[] | null> {
  return templateIds().catch(() => null);
}

export async function askForReminders(prefetched?: string[] | null): Promise<void> {
  try {
    // With prefetched ids nothing asynchronous runs before the call, so it still belongs to the tap.
    const ids = prefetched ?? await templateIds();
    if (!ids.length) return;
    await new Promise<void>((resolve) => {
      wx.requestSubscribeMessage({ tmplIds: ids, complete: () => resolve() } as WechatMiniprogram.RequestSubscribeMessageOption);
    });
  } catch {
    // Reminders are a convenience; failing to ask must not stop sign-in or an exam.
  }
}
