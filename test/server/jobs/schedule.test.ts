// Schedules without a database: validation messages, the firings catch-up enumerates (checked
// against node-cron's own next runs), and the start-up check of job declarations.
import cron from 'node-cron';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defineJob, SHANGHAI, type JobDefinition } from '../../../server/src/jobs/job.ts';
import { registeredJobs } from '../../../server/src/jobs/registry.ts';
import { firingsBetween, validateSchedule } from '../../../server/src/jobs/schedule.ts';
import { assertValidJobs } from '../../../server/src/jobs/scheduler.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

const validate = suite('validateSchedule');

validate('accepts 5- and 6-field expressions, nicknames and node-cron\'s special tokens', () => {
  for (const expression of ['*/15 * * * * *', '0 * * * * *', '0 8 * * 1-5', '0 0 L * *', '30 9 * * 1#2', '@daily']) {
    assert.is(validateSchedule(expression, SHANGHAI), null, expression);
  }
});

validate('names the wrong field in Chinese', () => {
  assert.is(validateSchedule('0 25 * * *', SHANGHAI), '定时表达式“0 25 * * *”的“时”字段“25”无效');
  assert.is(validateSchedule('61 * * * *', SHANGHAI), '定时表达式“61 * * * *”的“分”字段“61”无效');
  assert.is(validateSchedule('0 0 0 * * 9', SHANGHAI), '定时表达式“0 0 0 * * 9”的“周”字段“9”无效');
});

validate('refuses a wrong number of fields, stray characters and impossible dates', () => {
  assert.match(validateSchedule('* * *', SHANGHAI)!, /应有 5 个字段.*实际为 3 个/);
  assert.match(validateSchedule('* * * * * * *', SHANGHAI)!, /实际为 7 个/);
  assert.match(validateSchedule('', SHANGHAI)!, /不允许的字符/);
  assert.match(validateSchedule('0 0 31 4 *', SHANGHAI)!, /永远不会触发/);
});

validate('refuses a time zone the runtime does not know (node-cron itself would accept it)', () => {
  assert.is(validateSchedule('0 8 * * *', 'Mars/Olympus'), '时区“Mars/Olympus”无效，应为 IANA 时区名称，例如 Asia/Shanghai');
  assert.ok(validateSchedule('0 8 * * *', ''));
  assert.ok(validateSchedule('0 8 * * *', '+08:00'));
  assert.is(validateSchedule('0 8 * * *', 'UTC'), null);
});

validate.run();

// ---

const firings = suite('firingsBetween');

firings('agrees with node-cron\'s next runs, special tokens and other zones included', () => {
  const cases: Array<[string, string, number]> = [
    ['*/15 * * * * *', SHANGHAI, 30], ['0 * * * * *', SHANGHAI, 30], ['0 8 * * *', SHANGHAI, 20], ['0 0 L * *', SHANGHAI, 6],
    ['30 9 * * 1#2', 'UTC', 4], ['0 12 15W * *', SHANGHAI, 6], ['17 3 * * 1-5', 'Europe/Berlin', 40], ['0 30 2 * * *', 'America/New_York', 40],
  ];
  for (const [expression, timezone, count] of cases) {
    const from = new Date();
    const task = cron.createTask(expression, () => undefined, { timezone });
    const expected = task.getNextRuns(count);
    task.destroy();
    assert.equal(iso(firingsBetween(expression, timezone, from, expected.at(-1)!, 1000)), iso(expected), `${expression} in ${timezone}`);
  }
});

firings('after is exclusive, until inclusive, oldest first', () => {
  const slots = firingsBetween('0 0 3 * * *', SHANGHAI, new Date('2030-03-05T03:00:00+08:00'), new Date('2030-03-08T03:00:00+08:00'), 10);
  assert.equal(iso(slots), ['2030-03-05T19:00:00.000Z', '2030-03-06T19:00:00.000Z', '2030-03-07T19:00:00.000Z']);
});

firings('keeps only the latest `limit` firings, and stays quick over long gaps', () => {
  const until = new Date('2030-03-10T12:00:07.500+08:00');
  const started = performance.now();
  assert.equal(iso(firingsBetween('* * * * * *', SHANGHAI, new Date('2030-01-01T00:00:00Z'), until, 1)), ['2030-03-10T04:00:07.000Z']);
  assert.equal(iso(firingsBetween('*/15 * * * * *', SHANGHAI, new Date('2029-03-10T00:00:00Z'), until, 3)), ['2030-03-10T03:59:30.000Z', '2030-03-10T03:59:45.000Z', '2030-03-10T04:00:00.000Z']);
  assert.is(firingsBetween('0 8 * * *', SHANGHAI, new Date('2022-01-01T00:00:00Z'), until, 100).length, 100);
  assert.ok(performance.now() - started < 2000, `took ${Math.round(performance.now() - started)} ms`);
});

firings('nothing between equal instants, nor with a zero limit', () => {
  const at = new Date('2030-03-10T03:00:00+08:00');
  assert.equal(firingsBetween('0 0 3 * * *', SHANGHAI, at, at, 5), []);
  assert.equal(firingsBetween('0 0 3 * * *', SHANGHAI, new Date(0), at, 0), []);
});

firings.run();

// ---

const declarations = suite('job declarations');

const job = (overrides: Partial<JobDefinition>): JobDefinition => defineJob({ name: 'ok-job', schedule: '0 * * * *', timezone: SHANGHAI, catchUp: 'latest', run: async () => ({}), ...overrides });

declarations('the registered jobs are valid and keep the schedules the inline tasks had', () => {
  assertValidJobs(registeredJobs);
  const byName = new Map(registeredJobs.map((j) => [j.name, j]));
  assert.equal([byName.get('exam-deadline-sweep')?.schedule, byName.get('study-silence-sweep')?.schedule], ['*/15 * * * * *', '0 * * * * *']);
  assert.ok(registeredJobs.every((j) => j.timezone === SHANGHAI));
});

declarations('a bad declaration stops the start, naming every problem', () => {
  let message = '';
  try {
    assertValidJobs([job({ name: 'Bad Name' }), job({ schedule: '0 25 * * *' }), job({ timezone: 'Mars/Olympus' }), job({ catchUp: 'all' as never })]);
  } catch (error) {
    message = (error as Error).message;
  }
  assert.match(message, /^定时任务配置无效：/);
  for (const part of ['任务名“Bad Name”', '“时”字段“25”无效', 'Mars/Olympus', '任务名“ok-job”重复', '补跑策略“all”无效']) assert.ok(message.includes(part), part);
});

declarations.run();
