// Subscribe-message consent (wx.requestSubscribeMessage) with the server's template ids, asked at
// moments that make sense: after binding and before an exam. A refusal is the person's choice and
// never blocks them.
import { request } from './request';

export async function askForReminders(): Promise<void> {
  try {
    const { templates } = await request('get', '/api/my/subscribe-templates');
    if (!templates.length) return;
    await new Promise<void>((resolve) => {
      wx.requestSubscribeMessage({ tmplIds: templates.map((t) => t.templateId), complete: () => resolve() } as WechatMiniprogram.RequestSubscribeMessageOption);
    });
  } catch {
    // Reminders are a convenience; failing to ask must not stop sign-in or an exam.
  }
}
