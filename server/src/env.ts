import { z } from 'zod';
import { IMPORT_DEFAULTS } from './imports/limits.ts';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(1);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  DATABASE_URL: z.string().regex(/^(mysql|mariadb):\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$|^file:.+$/, {
    error: '应为 mysql://用户:密码@主机:端口/数据库名 或 file:路径',
  }).optional(),
  DB_POOL_SIZE: positiveInt.max(200).default(10),
  /** Worker processes: auto = one per core on MySQL (at most 8), one on SQLite. DB_POOL_SIZE is per worker. */
  WORKERS: z.union([z.literal('auto'), positiveInt.max(64)], { error: '应为 auto 或 1–64 的整数' }).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONSOLE_ORIGIN: z.url({ error: '应为网址，例如 https://console.example.gov.cn' }).optional(),
  TRUST_PROXY: z.stringbool().default(false),
  BODY_LIMIT_KB: positiveInt.max(51_200).default(1024),
  /** Largest uploaded file (lecture material, 述法 attachment); files go to the file store, never into table rows. */
  UPLOAD_MAX_MB: positiveInt.max(1024).default(20),
  /** Directory of the file store (shared by every instance); files are named by their SHA-256. */
  FILE_STORE_DIR: z.string().min(1).default('data/files'),
  WECHAT_API_BASE_URL: z.url({ error: '应为网址，例如 https://api.weixin.qq.com' }).default('https://api.weixin.qq.com'),
  WECHAT_APPID: z.string().min(1).optional(),
  WECHAT_SECRET: z.string().min(1).optional(),
  WECHAT_TIMEOUT_MS: positiveInt.max(60_000).default(5000),
  WECHAT_BIND_MODE: z.enum(['invitation', 'identity', 'both']).default('both'),
  ACCESS_TOKEN_TTL_HOURS: positiveInt.max(24 * 90).default(168),
  LOGIN_MAX_FAILURES: positiveInt.max(100).default(5),
  LOGIN_LOCK_MINUTES: positiveInt.max(24 * 60).default(15),
  LOGIN_RATE_PER_MINUTE: positiveInt.max(10_000).default(20),
  SEED_DEMO: z.stringbool().optional(),
  /** What of question-bank/ to load at start: everything, the statute texts only, or nothing. */
  LOAD_BANK: z.enum(['full', 'statutes', 'none']).default('full'),
  /** Run the scheduled jobs (deadline sweep, reminders) in this instance. */
  SCHEDULER: z.stringbool().default(true),
  /** Chance that a heartbeat brings a presence check (about one every 7–8 minutes at 30 s beats). */
  PRESENCE_CHECK_RATE: z.coerce.number().min(0).max(1).default(0.07),
  /** No presence check sooner than this after the previous one. */
  PRESENCE_MIN_SPACING_SECONDS: z.coerce.number().int().min(0).max(3600).default(180),
  /** An open study session unheard of for this long is closed. */
  SESSION_SILENCE_MINUTES: positiveInt.max(120).default(5),
  /** Shared key the Wechaty bot sends as X-Bot-Key; unset, the bot API answers 503. */
  BOT_API_KEY: z.string().min(8, { error: '至少 8 个字符' }).optional(),
  /** Messages per person, channel and Beijing-time day; more are dropped (not queued). */
  NOTIFY_DAILY_BUDGET: z.coerce.number().int().min(0).max(100).default(3),
  /** A claimed message not acknowledged within this time returns to the queue. */
  NOTIFY_CLAIM_TIMEOUT_SECONDS: positiveInt.max(3600).default(120),
  /** Template id of the task-reminder subscribe message (from the mini-program's admin console). */
  WECHAT_TEMPLATE_TASK: z.string().min(1).max(128).default('dev-template-task'),
  /** An .xlsx import may unpack to at most this many MB (checked before anything is inflated). */
  IMPORT_MAX_UNZIPPED_MB: positiveInt.max(2048).default(IMPORT_DEFAULTS.maxUnzippedMb),
  /** Rows (including the header and blank rows) and non-empty cells an import file may have. */
  IMPORT_MAX_ROWS: positiveInt.max(10_000_000).default(IMPORT_DEFAULTS.maxRows),
  IMPORT_MAX_CELLS: positiveInt.max(100_000_000).default(IMPORT_DEFAULTS.maxCells),
  /** Parsing an import file longer than this is stopped and the import refused. */
  IMPORT_TIMEOUT_SECONDS: positiveInt.max(3600).default(IMPORT_DEFAULTS.timeoutSeconds),
  /** Import files parsed at once, each in a worker thread; further imports wait. */
  IMPORT_WORKERS: positiveInt.max(2).default(IMPORT_DEFAULTS.workers),
}).superRefine((env, ctx) => {
  if (env.NODE_ENV !== 'production') return;
  for (const key of ['WECHAT_APPID', 'WECHAT_SECRET'] as const) {
    if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: '生产环境必须设置' });
  }
});

export type RawEnv = z.infer<typeof EnvSchema>;

/** Validated configuration with the embedded-mode defaults filled in. */
export type Config = Omit<RawEnv, 'SEED_DEMO' | 'WECHAT_APPID' | 'WECHAT_SECRET' | 'CONSOLE_ORIGIN'> & {
  SEED_DEMO: boolean;
  WECHAT_APPID: string;
  WECHAT_SECRET: string;
  CONSOLE_ORIGIN: string;
  devLoginEnabled: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates the environment once at start; a bad value names the variable and the expected form. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}（当前值：${JSON.stringify(source[String(issue.path[0])] ?? null)}）`));
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  return {
    ...env,
    SEED_DEMO: env.SEED_DEMO ?? !production,
    WECHAT_APPID: env.WECHAT_APPID ?? 'wx-dev-appid',
    WECHAT_SECRET: env.WECHAT_SECRET ?? 'wx-dev-secret',
    CONSOLE_ORIGIN: env.CONSOLE_ORIGIN ?? `http://${env.HOST}:${env.PORT}`,
    devLoginEnabled: !production,
  };
}
