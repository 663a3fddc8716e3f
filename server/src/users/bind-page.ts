// The invitation QR code holds `<origin>/mp/bind?code=…`. Scanned with WeChat it opens the
// mini-program; scanned with a phone's camera it opens this address in a browser, so the server
// answers with a small page telling the person to scan it with WeChat or type the code in the
// mini-program. It shows nothing but the code from the link, and only when it has a code's form.
import type Koa from 'koa';
import { normaliseInvitationCode } from '../auth/secrets.ts';

export const BIND_PAGE_PATH = '/mp/bind';
/** Only letters and digits reach the page: nothing to escape, and no one's text can be planted in it. */
const CODE_FORM = /^[0-9A-Z]{4,20}$/;

function codeSection(code: string | null): string {
  if (!code) return '<p class="warn">链接中没有有效的邀请码，请向本单位组织者索取邀请码。</p>';
  return `<p>也可以在微信中打开「学法」小程序，在「首次使用，请绑定身份」页面选择「邀请码」，输入：</p>
<p class="code" data-testid="invitation-code">${code}</p>`;
}

/** Inside WeChat's own browser the mini-program did not open by itself (rule not set, old client): say so. */
function howToOpen(inWechat: boolean): string {
  if (inWechat) return '<h1>请打开「学法」小程序</h1>\n<p>微信没有自动打开小程序。请在微信顶部搜索「学法」小程序并打开，再按下面的邀请码绑定。</p>';
  return '<h1>请用微信扫码</h1>\n<p>这是「学法」小程序的绑定链接，需要在微信中打开。请打开微信，点右上角「+」→「扫一扫」，扫描纸上的二维码，小程序会自动填好邀请码。</p>';
}

export function bindPageHtml(rawCode: string | null, inWechat = false): string {
  const normalised = rawCode ? normaliseInvitationCode(rawCode) : '';
  const code = CODE_FORM.test(normalised) ? normalised : null;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>学法 · 微信绑定</title>
<style>
body { font-family: -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 20px; line-height: 1.7; margin: 0; padding: 24px; color: #222; background: #f5f6f8; }
main { max-width: 32em; margin: 0 auto; background: #fff; border-radius: 12px; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 12px; }
.code { font-size: 40px; font-weight: bold; letter-spacing: 0.15em; text-align: center; font-family: ui-monospace, Menlo, Consolas, monospace; background: #eef3ff; border-radius: 8px; padding: 12px 0; margin: 8px 0 16px; }
.warn { color: #b35c00; }
.muted { color: #666; font-size: 17px; }
</style></head>
<body><main>
${howToOpen(inWechat)}
${codeSection(code)}
<p class="muted">邀请码只能使用一次；如已过期或无法使用，请向本单位组织者重新索取。</p>
</main></body></html>`;
}

/** GET/HEAD of /mp/bind: the page above; everything else passes through. */
export function bindPage(): Koa.Middleware {
  return async function bindPageMiddleware(ctx, next) {
    if (ctx.path !== BIND_PAGE_PATH || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const code = ctx.query.code;
    ctx.type = 'html';
    // The code is a one-time credential: keep it out of caches.
    ctx.set('Cache-Control', 'no-store');
    ctx.body = bindPageHtml(typeof code === 'string' ? code : null, /MicroMessenger/i.test(ctx.get('user-agent')));
  };
}
