// The one typed client of the Xuefa server, over the types generated from its OpenAPI document
// (schema.d.ts, made by `npm run api:types`). Failures become two kinds of error: the server
// said no (ApiError, with its code and Chinese message, shown to the person), or the server
// could not be reached (ServiceUnavailableError: say so, keep the state, try again later).
import createClient from 'openapi-fetch';
import type { paths } from './schema.d.ts';

/** The server refused the request; `message` is already Chinese and fit for a chat reply. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(message);
  }
}

/** No answer from the server (down, restarting, network): nothing was decided. */
export class ServiceUnavailableError extends Error {
  constructor(readonly reason?: unknown) {
    super('服务暂时不可用');
  }
}

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': { data: infer D } } } } ? D
  : R extends { 201: { content: { 'application/json': { data: infer D } } } } ? D : never
  : never;

export type PracticeItem = Json<'/api/bot/contacts/{contactKey}/practice/questions', 'get'>[number];
export type QuestionItem = Extract<PracticeItem, { kind: 'question' }>;
export type MemorizeItem = Extract<PracticeItem, { kind: 'memorize' }>;
export type ReadItem = Extract<PracticeItem, { kind: 'read' }>;
export type AnswerResult = Json<'/api/bot/contacts/{contactKey}/practice/answers', 'post'>;
export type AnswerBody = NonNullable<paths['/api/bot/contacts/{contactKey}/practice/answers']['post']['requestBody']>['content']['application/json'];
export type PracticeRequest = NonNullable<paths['/api/bot/contacts/{contactKey}/practice/questions']['get']['parameters']['query']>;
export type BoundContact = Json<'/api/bot/contacts', 'post'>;
export type ContactProfile = Json<'/api/bot/contacts/{contactKey}', 'get'>;
export type Task = Json<'/api/bot/contacts/{contactKey}/tasks', 'get'>[number];
export type MyExam = Json<'/api/bot/contacts/{contactKey}/exams', 'get'>[number];
export type MyMessage = Json<'/api/bot/contacts/{contactKey}/messages', 'get'>[number];
export type LinkGroupBody = NonNullable<paths['/api/bot/groups']['post']['requestBody']>['content']['application/json'];
export type LinkedGroup = Json<'/api/bot/groups', 'post'>;
export type DailyRound = Json<'/api/bot/groups/daily', 'get'>;
export type DailyAnswerResult = Json<'/api/bot/groups/daily/answers', 'post'>;
export type ExamReminderResult = Json<'/api/bot/staff/exam-reminders', 'post'>;
export type Progress = Json<'/api/bot/staff/progress', 'get'>;
export type ClaimedNotification = Json<'/api/bot/notifications/claim', 'post'>[number];
export type AckResult = Json<'/api/bot/notifications/{id}/ack', 'post'>;
export type Response = AnswerBody['response'];

/** Everything the bot asks of the server; plugins depend on this, tests may pass another. */
export type XuefaApi = ReturnType<typeof createXuefaApi>;

type Outcome<D> = { data?: { data: D }; error?: unknown; response: globalThis.Response };

/** Statuses that mean "try again later" rather than "no". */
const UNAVAILABLE = new Set([502, 503, 504]);

async function unwrap<D>(call: Promise<Outcome<D>>): Promise<D> {
  let outcome: Outcome<D>;
  try {
    outcome = await call;
  } catch (error) {
    throw new ServiceUnavailableError(error);
  }
  if (outcome.data) return outcome.data.data;
  const body = outcome.error as { error?: { code?: string; message?: string } } | undefined;
  const code = body?.error?.code ?? 'unknown';
  // A misconfigured bot (no key on the server) is not a passing outage: report it as a refusal.
  if (UNAVAILABLE.has(outcome.response.status) && code !== 'bot_api_disabled') throw new ServiceUnavailableError(code);
  throw new ApiError(code, body?.error?.message ?? `服务器返回 ${outcome.response.status}`, outcome.response.status);
}

export type ApiOptions = { baseUrl: string; botKey: string; botId: string; timeoutMs?: number };

export function createXuefaApi(options: ApiOptions) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    headers: { 'x-bot-key': options.botKey },
    fetch: (request) => fetch(request, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) }),
  });
  const contact = (contactKey: string) => ({ params: { path: { contactKey } } });
  const botId = options.botId;
  return {
    bind: (invitationCode: string) => unwrap(client.POST('/api/bot/contacts', { body: { invitationCode } })),
    devBind: (phone: string) => unwrap(client.POST('/api/bot/dev/contacts', { body: { phone } })),
    profile: (contactKey: string) => unwrap(client.GET('/api/bot/contacts/{contactKey}', contact(contactKey))),
    questions: (contactKey: string, query: PracticeRequest) =>
      unwrap(client.GET('/api/bot/contacts/{contactKey}/practice/questions', { params: { path: { contactKey }, query } })),
    answer: (contactKey: string, body: AnswerBody) =>
      unwrap(client.POST('/api/bot/contacts/{contactKey}/practice/answers', { params: { path: { contactKey } }, body })),
    tasks: (contactKey: string) => unwrap(client.GET('/api/bot/contacts/{contactKey}/tasks', contact(contactKey))),
    exams: (contactKey: string) => unwrap(client.GET('/api/bot/contacts/{contactKey}/exams', contact(contactKey))),
    messages: (contactKey: string) => unwrap(client.GET('/api/bot/contacts/{contactKey}/messages', contact(contactKey))),
    linkGroup: (body: LinkGroupBody) => unwrap(client.POST('/api/bot/groups', { body })),
    dailyRound: (roomKey: string) => unwrap(client.GET('/api/bot/groups/daily', { params: { query: { roomKey } } })),
    answerDaily: (roomKey: string, contactKey: string, response: Response) =>
      unwrap(client.POST('/api/bot/groups/daily/answers', { body: { roomKey, contactKey, response } })),
    remindExam: (contactKey: string, examTitle: string) => unwrap(client.POST('/api/bot/staff/exam-reminders', { body: { contactKey, examTitle } })),
    progress: (contactKey: string, name: string) => unwrap(client.GET('/api/bot/staff/progress', { params: { query: { contactKey, name } } })),
    claim: (limit: number) => unwrap(client.POST('/api/bot/notifications/claim', { body: { botId, limit } })),
    ack: (id: string, outcome: 'sent' | 'failed', error?: string) =>
      unwrap(client.POST('/api/bot/notifications/{id}/ack', { params: { path: { id } }, body: { botId, outcome, ...(error ? { error } : {}) } })),
  };
}
