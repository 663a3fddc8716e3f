// Input refused at the edge, in the envelope, on both databases: ill-formed strings (lone
// surrogates) in any JSON field or key, over-deep nesting, campaign params that are not exactly
// what the kind takes (what is stored is what was parsed), corrupt compressed bodies, and URLs
// over Node's header limit. Nothing refused is stored.
import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_INPUT_DEPTH } from '../../../server/src/http/validate.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { testDialects } from '../../support/databases.ts';

type Context = { app: TestApp; organiser: string; eastId: number };

const paths = (body: { error: { details?: Array<{ path: string; code: string }> } }) => (body.error.details ?? []).map((d) => `${d.path}:${d.code}`);

/** `{"a":{"a":…}}` nested `depth` levels deep, as raw JSON (no recursion on either side). */
const nested = (depth: number, leaf = '1') => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

for (const dialect of testDialects()) {
  const test = suite<Context>(`edge validation [${dialect}]`, {} as Context);
  test.before(async (context) => {
    context.app = await startTestApp(dialect, { LOAD_BANK: 'statutes' });
    context.organiser = await context.app.tokenFor({ username: 'organiser-east' });
    context.eastId = (await context.app.running.deps.db.organization.findUniqueOrThrow({ where: { code: 'DEMO-E' } })).id;
  });
  test.after(async ({ app }) => app.close());

  const campaignJson = (c: Context, requirement: string) => `{"organizationId":${c.eastId},"name":"2027 年度学法","period":"2027 年度",
    "startsAt":"2026-12-31T16:00:00Z","endsAt":"2027-12-31T16:00:00Z","audience":{"organizationIds":[${c.eastId}]},"requirements":[${requirement}]}`;

  test('a lone surrogate in a JSON column (course note, campaign title) is a 400 naming the field; nothing stored', async (c) => {
    const course = await c.app.call('POST', '/api/courses', { token: c.organiser, rawBody: `{"organizationId":${c.eastId},"title":"宪法课程","minMinutes":5,"items":[{"kind":"note","text":"学习 \\ud83d 宪法"}]}` });
    assert.is(course.status, 400);
    assert.equal(paths(course.body), ['body.items.0.text:ill_formed_string']);
    const campaign = await c.app.call('POST', '/api/campaigns', { token: c.organiser, rawBody: campaignJson(c, '{"kind":"lecture","title":"讲法\\udc00","params":{"count":1},"dueAt":"2027-12-15T16:00:00Z"}') });
    assert.is(campaign.status, 400);
    assert.equal(paths(campaign.body), ['body.requirements.0.title:ill_formed_string']);
    const key = await c.app.call('POST', '/api/campaigns', { token: c.organiser, rawBody: campaignJson(c, '{"kind":"lecture","title":"讲法","params":{"count":1,"\\ud800":2},"dueAt":"2027-12-15T16:00:00Z"}') });
    assert.is(key.status, 400);
    assert.equal(paths(key.body), ['body.requirements.0.params:ill_formed_string']);
    const db = c.app.running.deps.db;
    assert.is(await db.course.count(), 0);
    assert.is(await db.campaign.count(), 0);
    const wellFormed = await c.app.call('POST', '/api/courses', { token: c.organiser, rawBody: `{"organizationId":${c.eastId},"title":"宪法课程","minMinutes":5,"items":[{"kind":"note","text":"学习 \\ud83d\\ude00 宪法"}]}` });
    assert.is(wellFormed.status, 201, 'a whole surrogate pair (an emoji) is fine');
    assert.is(wellFormed.body.data.items[0].text, '学习 😀 宪法');
  });

  test('campaign params: unknown keys and over-deep values are refused; what is stored is what was parsed', async (c) => {
    const unknown = await c.app.call('POST', '/api/campaigns', { token: c.organiser, rawBody: campaignJson(c, '{"kind":"lecture","title":"讲法","params":{"count":1,"extra":true},"dueAt":"2027-12-15T16:00:00Z"}') });
    assert.is(unknown.status, 400);
    assert.ok(paths(unknown.body).some((p) => p.startsWith('body.requirements.0.params')), JSON.stringify(unknown.body));
    const deep = await c.app.call('POST', '/api/campaigns', { token: c.organiser, rawBody: campaignJson(c, `{"kind":"lecture","title":"讲法","params":{"count":1,"x":${nested(40)}},"dueAt":"2027-12-15T16:00:00Z"}`) });
    assert.is(deep.status, 400);
    assert.is(paths(deep.body)[0]!.split(':')[1], 'too_deep');
    const veryDeep = await c.app.call('POST', '/api/campaigns', { token: c.organiser, rawBody: campaignJson(c, `{"kind":"lecture","title":"讲法","params":${nested(50_000)},"dueAt":"2027-12-15T16:00:00Z"}`) });
    assert.is(veryDeep.status, 400, 'no stack overflow, however deep');
    assert.is(await c.app.running.deps.db.campaign.count(), 0);
    const created = await c.app.call('POST', '/api/campaigns', { token: c.organiser, body: JSON.parse(campaignJson(c, '{"kind":"report","title":"年度述法","params":{"rubric":[{"name":"  学法用法  ","maxScore":100}]},"dueAt":"2027-12-15T16:00:00Z"}')) });
    assert.is(created.status, 201, JSON.stringify(created.body));
    const stored = await c.app.running.deps.db.campaignRequirement.findFirstOrThrow({ where: { campaignId: created.body.data.id }, select: { params: true } });
    assert.equal(stored.params, { rubric: [{ name: '学法用法', maxScore: 100 }] }, 'the parsed (trimmed) value, not the raw one');
  });

  test(`nesting up to ${MAX_INPUT_DEPTH} levels passes the depth check; one more is refused`, async (c) => {
    const at = (depth: number) => c.app.call('POST', '/api/auth/dev/login', { rawBody: `{"phone":"13900000011","x":${nested(depth - 1)}}` });
    const atLimit = await at(MAX_INPUT_DEPTH);
    assert.not.ok(paths(atLimit.body).some((p) => p.endsWith(':too_deep')), JSON.stringify(atLimit.body));
    const over = await at(MAX_INPUT_DEPTH + 1);
    assert.is(over.status, 400);
    assert.is(paths(over.body)[0]!.split(':')[1], 'too_deep');
  });

  test('a corrupt gzip, deflate or br body is a 400 in the envelope, with no login needed; a sound one is read', async (c) => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const response = await fetch(`${c.app.running.url}/api/auth/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: Buffer.from('not compressed at all') });
      assert.is(response.status, 400, encoding);
      const body = await response.json() as { ok: boolean; error: { code: string; message: string } };
      assert.is(body.ok, false);
      assert.is(body.error.code, 'validation_failed');
      assert.match(body.error.message, /压缩/);
    }
    const truncated = gzipSync(JSON.stringify({ phone: '13900000011' })).subarray(0, 12);
    const cut = await fetch(`${c.app.running.url}/api/auth/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: truncated });
    assert.is(cut.status, 400, 'a truncated stream');
    const json = JSON.stringify({ phone: '13900000011' });
    for (const [encoding, body] of [['gzip', gzipSync(json)], ['deflate', deflateSync(json)], ['br', brotliCompressSync(json)]] as const) {
      const sound = await fetch(`${c.app.running.url}/api/auth/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body });
      assert.is(sound.status, 200, encoding);
    }
  });

  test('an over-long URL or header gets 431 with the JSON envelope, and the server keeps serving', async (c) => {
    const long = await fetch(`${c.app.running.url}/api/statutes?q=${'法'.repeat(20_000)}`);
    assert.is(long.status, 431);
    assert.match(long.headers.get('content-type') ?? '', /application\/json/);
    assert.equal(await long.json(), { ok: false, error: { code: 'headers_too_large', message: '请求地址或请求头过长' } });
    const header = await fetch(`${c.app.running.url}/healthz`, { headers: { 'x-padding': 'a'.repeat(40_000) } });
    assert.is(header.status, 431);
    assert.is(((await header.json()) as { ok: boolean }).ok, false);
    assert.is((await fetch(`${c.app.running.url}/healthz`)).status, 200);
  });

  test.run();
}
