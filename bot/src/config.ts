// The bot's configuration, validated at start like the server's: a bad value names the
// variable and what is expected, in Chinese. Pacing defaults keep an ordinary WeChat account
// looking like a person (see the README's bot section).
import { hostname } from 'node:os';
import { z } from 'zod';
import { parseQuietHours, type PacingConfig } from './engine/pacing.ts';

const seconds = z.coerce.number().min(0).max(3600);
/** What a claimed batch may take to send, with room to spare under the server's default claim timeout. */
const CLAIM_WINDOW_SECONDS = 100;
const count = (max: number) => z.coerce.number().int().min(1).max(max);

const EnvSchema = z.object({
  XUEFA_API_URL: z.url({ error: '应为服务器地址，例如 http://127.0.0.1:3000' }).default('http://127.0.0.1:3000'),
  BOT_API_KEY: z.string({ error: '必须设置，与服务器的 BOT_API_KEY 相同' }).min(8, { error: '至少 8 个字符，与服务器的 BOT_API_KEY 相同' }),
  /** Names this instance in claims; two instances must differ. */
  BOT_ID: z.string().trim().min(1).max(64).default(`xuefa-bot-${hostname()}`.slice(0, 64)),
  WECHATY_PUPPET: z.string().trim().min(1).default('wechaty-puppet-wechat4u'),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().trim().min(1).optional(),
  BOT_MIN_GAP_SECONDS: seconds.default(3),
  BOT_JITTER_SECONDS: seconds.default(4),
  BOT_DAILY_CAP: count(10_000).default(300),
  BOT_QUIET_HOURS: z.string().refine((text) => parseQuietHours(text) !== null, { error: '应为 时:分-时:分（北京时间），例如 22:00-07:30' }).default('22:00-07:30'),
  BOT_FLOOD_PER_MINUTE: count(600).default(8),
  BOT_POLL_SECONDS: z.coerce.number().min(0.05).max(3600).default(30),
  BOT_CLAIM_BATCH: count(100).default(10),
}).superRefine((env, ctx) => {
  // A claimed batch must go out before the server's claim times out (NOTIFY_CLAIM_TIMEOUT_SECONDS,
  // 120 s by default), or the rest is handed out again and sent twice.
  const slowest = env.BOT_CLAIM_BATCH * (env.BOT_MIN_GAP_SECONDS + env.BOT_JITTER_SECONDS);
  if (slowest > CLAIM_WINDOW_SECONDS) {
    ctx.addIssue({ code: 'custom', path: ['BOT_CLAIM_BATCH'], message: `每批最多需 ${slowest} 秒发完，超过服务器领取超时（默认 120 秒）的安全范围 ${CLAIM_WINDOW_SECONDS} 秒，请减小批量或间隔` });
  }
  if (env.WECHATY_PUPPET === 'wechaty-puppet-service' && !env.WECHATY_PUPPET_SERVICE_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['WECHATY_PUPPET_SERVICE_TOKEN'], message: '使用 wechaty-puppet-service 时必须设置' });
  }
});

export type BotConfig = z.output<typeof EnvSchema> & { pacing: PacingConfig };

export class BotConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`机器人配置错误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates the environment once at start. `defaults` fill in unset variables (the console mode's faster pace). */
export function loadBotConfig(source: NodeJS.ProcessEnv = process.env, defaults: Record<string, string> = {}): BotConfig {
  const merged = { ...defaults, ...Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== '')) };
  const parsed = EnvSchema.safeParse(merged);
  if (!parsed.success) {
    throw new BotConfigError(parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      const shown = key === 'BOT_API_KEY' || key === 'WECHATY_PUPPET_SERVICE_TOKEN' ? (merged[key] ? '（已设置）' : '（未设置）') : `（当前值：${JSON.stringify(merged[key] ?? null)}）`;
      return `${key}: ${issue.message}${shown}`;
    }));
  }
  const env = parsed.data;
  const quiet = parseQuietHours(env.BOT_QUIET_HOURS)!;
  return {
    ...env,
    pacing: {
      minGapMs: env.BOT_MIN_GAP_SECONDS * 1000, jitterMs: env.BOT_JITTER_SECONDS * 1000, dailyCap: env.BOT_DAILY_CAP,
      quietStartMinute: quiet.start, quietEndMinute: quiet.end,
    },
  };
}
