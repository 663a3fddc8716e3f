// Walks every endpoint of /api/openapi.json with a token of each role and a bounded, seeded set
// of hostile inputs per parameter (wrong types, huge and negative numbers, empty and very long
// strings, unicode, missing and extra fields, arrays for objects, "0x10", "1e3"), and asserts
// that nothing answers 5xx and that every error is the envelope { ok:false, error:{ code, message } }.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { saveQuestions } from '../../server/src/questions/store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testDialects } from '../support/databases.ts';
import type { ApiResponse, CallOptions } from '../support/http.ts';

type Schema = {
  $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; const?: unknown;
  anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; format?: string; minimum?: number; exclusiveMinimum?: number; minLength?: number; minItems?: number; default?: unknown;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const ROLES = { admin: { username: 'admin' }, bureau: { username: 'bureau' }, organiser: { username: 'organiser-east' }, cadre: { phone: '13900000011' } } as const;
type Role = keyof typeof ROLES | 'anonymous';
const ALL_ROLES: Role[] = ['admin', 'bureau', 'organiser', 'cadre', 'anonymous'];
const BOT_KEY = 'fuzz-bot-key-0123456789';
const SKIPPED = new Set(['post /api/auth/logout']);
/** A record id that exists nowhere, so the baseline requests change no real record. */
const ABSENT_ID = '987654';
const CONCURRENCY = 6;

/** Hostile values for a text parameter (path or query): each is sent as it stands. */
const HOSTILE_TEXT = ['-1', '0', '0x10', '1e3', '1.5', '', 'abc', '2147483648', '99999999999999', '99999999999999999999999', 'x'.repeat(4_000), '𠮷😀‮', '%00', 'null', '[]', ' 7 '];
/** Hostile values for a JSON body field. */
const HOSTILE_JSON: unknown[] = [
  123, -1, 0, 2_147_483_648, -2_147_483_649, 1e308, 9_007_199_254_740_993, 1.5, 'abc', '', 'x'.repeat(100_000), '𠮷😀‮\u0000', '\ud800', '0x10', '1e3', true, null, {}, [], [[[[[[]]]]]], { nested: { deeper: [1, { a: 'b' }] } },
];

/** A small deterministic generator (mulberry32), so a failure can be replayed exactly. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A plausible value for a schema: enough to get past the first checks, nothing real. */
function sample(doc: OpenApi, schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.$ref) return sample(doc, doc.components?.schemas?.[schema.$ref.split('/').at(-1)!], depth + 1);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return sample(doc, choice.find((s) => s.type !== 'null') ?? choice[0], depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(doc, s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': return Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => schema.required?.includes(name)).map(([name, s]) => [name, sample(doc, s, depth + 1)]));
    case 'array': return schema.minItems ? Array.from({ length: schema.minItems }, () => sample(doc, schema.items, depth + 1)) : [];
    case 'integer': case 'number': return Math.max(1, schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1);
    case 'boolean': return true;
    case 'string': return schema.format === 'date-time' ? new Date().toISOString() : 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default: return null;
  }
}

type Probe = { method: string; path: string; role: Role; options: CallOptions; label: string };

/** The baseline request of an operation, and each hostile variant of it. */
function probesOf(doc: OpenApi, method: string, template: string, operation: Operation, random: () => number): Probe[] {
  const params = operation.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const jsonSchema = operation.requestBody?.content['application/json']?.schema;
  const upload = operation.requestBody?.content['multipart/form-data'] !== undefined;
  const baseBody = jsonSchema ? sample(doc, jsonSchema) : undefined;
  const build = (pathValues: Record<string, string>, query: Record<string, string>) => {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? ABSENT_ID));
    const search = new URLSearchParams(query).toString();
    return search ? `${path}?${search}` : path;
  };
  const baseQuery = Object.fromEntries(queryParams.filter((p) => p.required).map((p) => [p.name, String(sample(doc, p.schema))]));
  const basePath = build({}, baseQuery);
  const other = () => ALL_ROLES[Math.floor(random() * ALL_ROLES.length)]!;
  const probes: Probe[] = ALL_ROLES.map((role) => ({ method, path: basePath, role, options: { body: baseBody }, label: 'baseline' }));
  // Reads also go to the first real records, so presenters run on stored rows, not only on misses.
  if (method === 'GET' && pathParams.length) {
    const real = build(Object.fromEntries(pathParams.map((p) => [p.name, p.schema.type === 'integer' ? '1' : String(sample(doc, p.schema))])), baseQuery);
    for (const role of ALL_ROLES) probes.push({ method, path: real, role, options: {}, label: 'first record' });
  }
  // Each hostile variant goes to the administrator (past every role check) and to one other role.
  const variant = (label: string, path: string, options: CallOptions) => {
    for (const role of new Set<Role>(['admin', other()])) probes.push({ method, path, role, options, label });
  };
  for (const p of pathParams) for (const value of HOSTILE_TEXT) if (value) variant(`path ${p.name}=${value.slice(0, 20)}`, build({ [p.name]: value }, baseQuery), { body: baseBody });
  for (const p of queryParams) {
    for (const value of HOSTILE_TEXT) variant(`query ${p.name}=${value.slice(0, 20)}`, build({}, { ...baseQuery, [p.name]: value }), { body: baseBody });
    variant(`query ${p.name} repeated`, `${basePath}${basePath.includes('?') ? '&' : '?'}${p.name}=1&${p.name}=2`, { body: baseBody });
  }
  if (jsonSchema) {
    const fields = baseBody && typeof baseBody === 'object' && !Array.isArray(baseBody) ? Object.keys(baseBody) : [];
    for (const field of fields) {
      // Every field gets a seeded third of the hostile values, and every value reaches some field.
      for (const [i, value] of HOSTILE_JSON.entries()) if ((i + fields.indexOf(field)) % 3 === 0 || random() < 0.15) variant(`body ${field}=${JSON.stringify(value)?.slice(0, 20)}`, basePath, { body: { ...(baseBody as object), [field]: value } });
      const { [field]: _missing, ...rest } = baseBody as Record<string, unknown>;
      variant(`body without ${field}`, basePath, { body: rest });
    }
    variant('body with an extra field', basePath, { body: { ...(baseBody as object), unexpectedField: 'x' } });
    variant('body as an array', basePath, { body: [baseBody] });
    variant('body empty', basePath, { body: {} });
    variant('body absent', basePath, {});
    variant('body not JSON', basePath, { rawBody: '{"unterminated": ' });
    variant('body a bare string', basePath, { body: 'text' });
  }
  for (const authorization of ['Bearer ' + 'a'.repeat(5_000), 'Bearer', 'Basic dXNlcjpwYXNz', 'Bearer a.b.c', 'bearer  ' + 'A'.repeat(43)]) {
    probes.push({ method, path: basePath, role: 'anonymous', options: { body: baseBody, headers: { authorization } }, label: `authorization ${authorization.slice(0, 16)}` });
  }
  if (jsonSchema) probes.push({ method, path: basePath, role: 'admin', options: { rawBody: JSON.stringify(baseBody), headers: { 'content-type': 'text/plain' } }, label: 'JSON sent as text/plain' });
  if (upload) {
    variant('upload of garbage', basePath, { upload: { name: 'garbage.xlsx', content: Buffer.from(Array.from({ length: 2_000 }, () => Math.floor(random() * 256))) } });
    variant('upload of an empty file', basePath, { upload: { name: '', content: '' } });
    variant('JSON instead of a file', basePath, { body: {} });
  }
  return probes;
}

function envelopeProblem(response: ApiResponse): string | null {
  if (response.status >= 500) return `status ${response.status}`;
  if (response.status < 400) return null;
  const body = response.body as { ok?: unknown; error?: { code?: unknown; message?: unknown } } | string;
  if (typeof body !== 'object' || body === null) return `error body is not JSON: ${String(body).slice(0, 80)}`;
  if (body.ok !== false || typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string' || !body.error.message) return 'error body off the envelope';
  return null;
}

type Context = { app: TestApp; tokens: Partial<Record<Role, string>> };

type Seed = { method: string; path: string; role: Role; body: unknown };

/** Valid requests for the main writes, so a hostile field is met by the code behind validation too. */
async function validSeeds(app: TestApp, tokens: Context['tokens']): Promise<Seed[]> {
  const db = app.running.deps.db;
  const east = (await db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
  const question = await db.question.findFirstOrThrow({ where: { organizationId: null, status: 'active' }, select: { id: true } });
  const at = (offsetMs: number) => new Date(app.clock.now().getTime() + offsetMs).toISOString();
  const blueprint = { name: '模糊测试方案', organizationId: east, kind: 'random', rules: [{ type: 'judge', count: 1 }], points: { single: 1, multiple: 1, judge: 1, fill: 1 }, passMark: 1, timeLimitMinutes: 30 };
  const created = await app.call('POST', '/api/blueprints', { token: tokens.organiser, body: blueprint });
  assert.is(created.status, 201, JSON.stringify(created.body));
  return [
    { method: 'POST', path: '/api/blueprints', role: 'organiser', body: blueprint },
    { method: 'POST', path: '/api/exams', role: 'organiser', body: { title: '模糊测试考试', blueprintId: created.body.data.id, opensAt: at(-60_000), closesAt: at(3_600_000), audience: { organizationIds: [east] } } },
    { method: 'POST', path: '/api/meetings', role: 'organiser', body: { organizationId: east, topic: '会前学法', place: '会议室', startsAt: at(600_000), endsAt: at(4_200_000), creditMinutes: 30, inviteOrganizationIds: [east] } },
    { method: 'POST', path: '/api/campaigns', role: 'organiser', body: { organizationId: east, name: '学法活动', period: '2026 年度', startsAt: at(-86_400_000), endsAt: at(30 * 86_400_000), audience: { organizationIds: [east], keyMinorityOnly: true }, requirements: [{ kind: 'report', title: '年度述法', params: { rubric: [{ name: '依法决策', maxScore: 100 }] }, dueAt: at(20 * 86_400_000) }] } },
    { method: 'POST', path: '/api/courses', role: 'organiser', body: { organizationId: east, title: '课程', items: [{ kind: 'article', statute: 'xianfa', article: 5 }], minMinutes: 10 } },
    { method: 'POST', path: '/api/lectures', role: 'cadre', body: { title: '讲法', givenAt: at(-86_400_000), audienceSize: 10 } },
    { method: 'POST', path: '/api/users', role: 'admin', body: { name: '测试人', organizationId: east, phone: '13711112222' } },
    { method: 'POST', path: '/api/organizations', role: 'admin', body: { code: 'FUZZ-1', name: '模糊测试单位', level: 'unit', parentId: east } },
    { method: 'POST', path: '/api/study/sessions', role: 'cadre', body: { statute: 'xianfa' } },
    { method: 'PUT', path: `/api/questions/${question.id}`, role: 'admin', body: { type: 'judge', stem: '国家维护社会主义法制的统一和尊严。', answer: true, difficulty: 1, tags: [], explanation: '宪法第五条。', citations: [{ law: 'xianfa', article: 5 }] } },
  ];
}

/** Every field path of a JSON value, nested ones included. */
function* fieldPaths(value: unknown, prefix: string[] = []): Generator<string[]> {
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    yield [...prefix, key];
    yield* fieldPaths(child, [...prefix, key]);
  }
}

function withField(value: unknown, path: string[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let cursor = copy;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string, unknown>;
  cursor[path.at(-1)!] = replacement;
  return copy;
}

for (const dialect of testDialects()) {
  const fuzz = suite<Context>(`fuzz every endpoint [${dialect}]`, {} as Context);
  fuzz.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes', BOT_API_KEY: BOT_KEY });
    // A few national questions for the valid writes (a blueprint's pool, a question to edit): the whole bank would double the start-up.
    const questions = Array.from({ length: 3 }, (_, i) => ({
      id: `fuzz-judge-${i}`, type: 'judge', stem: `模糊测试第 ${i + 1} 题：国家维护社会主义法制的统一和尊严。`, answer: true, difficulty: 1, tags: [],
      explanation: '宪法第五条第二款。', citations: [{ law: 'xianfa', article: 5 }],
    }));
    await saveQuestions(context.app.running.deps.db, questions as never, { owner: { kind: 'national' }, actorId: null });
    context.tokens = {};
    for (const [role, who] of Object.entries(ROLES)) context.tokens[role as Role] = await context.app.tokenFor(who);
  });
  fuzz.after(async ({ app }) => app.close());

  fuzz('no hostile input gets a 5xx or an error off the envelope, for any role', async ({ app, tokens }) => {
    const doc = (await app.call('GET', '/api/openapi.json')).body as OpenApi;
    const random = seeded(20261204);
    const probes: Probe[] = [];
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!SKIPPED.has(`${method} ${template}`)) probes.push(...probesOf(doc, method.toUpperCase(), template, operation, random));
      }
    }
    assert.ok(Object.keys(doc.paths).length > 50, 'the document lists the API');
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < probes.length) {
        const probe = probes[next++]!;
        const token = tokens[probe.role];
        const headers: Record<string, string> = probe.path.startsWith('/api/bot/') && probe.role !== 'anonymous' ? { 'x-bot-key': BOT_KEY } : {};
        const response = await app.call(probe.method, probe.path, { ...probe.options, token, headers: { ...headers, ...probe.options.headers } });
        const problem = envelopeProblem(response);
        if (problem) failures.push(`${probe.method} ${probe.path.slice(0, 120)} as ${probe.role} (${probe.label}): ${problem} ${JSON.stringify(response.body).slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(`  fuzz [${dialect}]: ${probes.length} requests`);
    assert.equal(failures, []);
  });

  fuzz('valid writes with one hostile field, at any depth, get no 5xx either', async ({ app, tokens }) => {
    const failures: string[] = [];
    let count = 0;
    for (const seed of await validSeeds(app, tokens)) {
      const valid = await app.call(seed.method, seed.path, { token: tokens[seed.role], body: seed.body });
      assert.ok(valid.status < 300, `${seed.method} ${seed.path}: ${JSON.stringify(valid.body)}`);
      for (const path of fieldPaths(seed.body)) {
        for (const value of HOSTILE_JSON) {
          const response = await app.call(seed.method, seed.path, { token: tokens[seed.role], body: withField(seed.body, path, value) });
          count++;
          const problem = envelopeProblem(response);
          if (problem) failures.push(`${seed.method} ${seed.path} ${path.join('.')}=${JSON.stringify(value)?.slice(0, 20)}: ${problem} ${JSON.stringify(response.body).slice(0, 200)}`);
        }
      }
    }
    console.log(`  fuzz [${dialect}]: ${count} requests on valid writes`);
    assert.equal(failures, []);
  });

  fuzz.run();
}
