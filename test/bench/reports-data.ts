// A county-year of data for bench:reports, generated inside MariaDB (INSERT … SELECT over the
// Sequence engine's seq_1_to_N tables: no rows cross the network, ≈ 13 M rows in minutes).
// Built once into its own database and reused while the marker row carries this version.
//
// Shape: province › city › county › 40 departments › 200 sub-units; 20,000 cadres (100 per
// sub-unit, every tenth one of the 关键少数), a county bureau reviewer and organisers for the county
// and for one department. Per cadre: 20 closed study sessions spread over 2026 (5–15 min, one
// heartbeat per 30 s), a presence check on every other session, 11 monthly unit meetings (invited;
// 80 % attended), 4 quarterly county exams (February, May, August, November) (one submitted attempt of 50 answered items each) and a
// campaign with a monthly study requirement, a yearly meeting requirement and an exam requirement.
// Every 50th session has a flag (open, confirmed or dismissed; confirmed ones withhold 2 minutes).
import mysql2 from 'mysql2/promise';

export const GENERATOR_VERSION = 1;
export const COUNTY_ID = 3;
export const UNIT_ID = 4;
export const CADRES = 20_000;
export const BUREAU_ID = CADRES + 1;
export const COUNTY_ORGANISER_ID = CADRES + 2;
export const UNIT_ORGANISER_ID = CADRES + 3;
export const CAMPAIGN_ID = 1;

const DEPARTMENTS = 40;
const SUB_UNITS = 200;
const SESSIONS_PER_CADRE = 20;
const MEETING_MONTHS = 11;
const EXAMS = 4;
const ITEMS_PER_ATTEMPT = 50;
const CHUNK = 50_000;

type Conn = mysql2.Connection;
type Log = (line: string) => void;

export async function benchDataIsCurrent(conn: Conn): Promise<boolean> {
  const [rows] = await conn.query(`SELECT generator_version FROM bench_marker WHERE generator_version = ?`, [GENERATOR_VERSION]).catch(() => [[]]);
  return (rows as unknown[]).length > 0;
}

async function timed(conn: Conn, log: Log, label: string, sql: string): Promise<void> {
  const started = Date.now();
  const [result] = await conn.query(sql);
  log(`  ${label}: ${(result as { affectedRows?: number }).affectedRows ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Fills a migrated database that holds the shipped statutes and questions. */
export async function generateCountyYear(conn: Conn, log: Log): Promise<void> {
  await conn.query(`SET time_zone = '+00:00', unique_checks = 0, foreign_key_checks = 0`);
  await organisationsAndPeople(conn, log);
  await studySessions(conn, log);
  await meetings(conn, log);
  await examsAndAnswers(conn, log);
  await campaign(conn, log);
  await conn.query(`CREATE TABLE bench_marker (generator_version INT NOT NULL, built_at DATETIME(3) NOT NULL)`);
  await conn.query(`INSERT INTO bench_marker VALUES (?, NOW(3))`, [GENERATOR_VERSION]);
  await conn.query(`SET unique_checks = 1, foreign_key_checks = 1`);
}

async function organisationsAndPeople(conn: Conn, log: Log): Promise<void> {
  await timed(conn, log, 'organisations', `INSERT INTO organizations (id, code, name, level, parent_id, path, updated_at) VALUES
    (1, 'B-1', '某省', 'province', NULL, '/1/', NOW(3)), (2, 'B-2', '某市', 'city', 1, '/1/2/', NOW(3)), (3, 'B-3', '某县', 'county', 2, '/1/2/3/', NOW(3))`);
  await timed(conn, log, 'departments', `INSERT INTO organizations (id, code, name, level, parent_id, path, updated_at)
    SELECT seq + 3, CONCAT('B-', seq + 3), CONCAT('县直部门', seq), 'unit', 3, CONCAT('/1/2/3/', seq + 3, '/'), NOW(3) FROM seq_1_to_${DEPARTMENTS}`);
  await timed(conn, log, 'sub-units', `INSERT INTO organizations (id, code, name, level, parent_id, path, updated_at)
    SELECT id, CONCAT('B-', id), CONCAT('科室', id), 'unit', parent, CONCAT('/1/2/3/', parent, '/', id, '/'), NOW(3)
    FROM (SELECT seq + ${3 + DEPARTMENTS} AS id, 4 + (seq - 1) DIV ${SUB_UNITS / DEPARTMENTS} AS parent FROM seq_1_to_${SUB_UNITS}) units`);
  await timed(conn, log, 'cadres', `INSERT INTO users (id, name, position, is_key_minority, organization_id, updated_at)
    SELECT seq, CONCAT('干部', seq), '科员', seq MOD 10 = 0, ${4 + DEPARTMENTS} + (seq - 1) MOD ${SUB_UNITS}, NOW(3) FROM seq_1_to_${CADRES}`);
  await conn.query(`INSERT INTO users (id, name, position, organization_id, updated_at) VALUES
    (${BUREAU_ID}, '县司法局审核员', '科长', ${COUNTY_ID}, NOW(3)), (${COUNTY_ORGANISER_ID}, '县组织者', '科长', ${COUNTY_ID}, NOW(3)), (${UNIT_ORGANISER_ID}, '部门组织者', '科长', ${UNIT_ID}, NOW(3))`);
  await timed(conn, log, 'role grants', `INSERT INTO role_grants (user_id, role, scope_organization_id) SELECT seq, 'cadre', NULL FROM seq_1_to_${CADRES}`);
  await conn.query(`INSERT INTO role_grants (user_id, role, scope_organization_id) VALUES
    (${BUREAU_ID}, 'bureau', ${COUNTY_ID}), (${COUNTY_ORGANISER_ID}, 'organiser', ${COUNTY_ID}), (${UNIT_ORGANISER_ID}, 'organiser', ${UNIT_ID})`);
}

async function studySessions(conn: Conn, log: Log): Promise<void> {
  const [statutes] = await conn.query(`SELECT slug FROM statutes ORDER BY id LIMIT 8`);
  const slugs = (statutes as Array<{ slug: string }>).map((s) => conn.escape(s.slug)).join(', ');
  if (!slugs) throw new Error('no statutes loaded: the bench database needs the shipped bank');
  const total = CADRES * SESSIONS_PER_CADRE;
  // Session n: cadre (n-1) mod 20,000, its k-th session of the year every 16 days, 300–870 s long.
  await timed(conn, log, 'study sessions', `INSERT INTO study_sessions (id, user_id, statute_slug, status, started_at, last_beat_at, ended_at, closed_reason, credited_seconds, analysis)
    SELECT id, user_id, ELT(1 + id MOD ${(statutes as unknown[]).length}, ${slugs}), 'closed', started_at, ended_at, ended_at, 'ended', seconds,
      JSON_OBJECT('segments', JSON_ARRAY(), 'credited', JSON_ARRAY(JSON_ARRAY(ms, ms + seconds * 1000)),
        'observed', JSON_ARRAY(JSON_ARRAY(ms, ms + seconds * 1000)), 'effective', JSON_ARRAY(JSON_ARRAY(ms, ms + seconds * 1000)))
    FROM (SELECT id, user_id, seconds, started_at, started_at + INTERVAL seconds SECOND AS ended_at, CAST(UNIX_TIMESTAMP(started_at) * 1000 AS UNSIGNED) AS ms
      FROM (SELECT seq AS id, 1 + (seq - 1) MOD ${CADRES} AS user_id, 300 + (seq MOD 20) * 30 AS seconds,
        TIMESTAMP('2026-01-05 01:00:00') + INTERVAL ((seq - 1) DIV ${CADRES}) * 16 + (seq MOD 7) DAY + INTERVAL (seq MOD 600) MINUTE AS started_at
        FROM seq_1_to_${total}) s) t`);
  for (let from = 1; from <= total; from += CHUNK) {
    await timed(conn, log, `heartbeats of sessions ${from}–${from + CHUNK - 1}`, `INSERT INTO heartbeats (session_id, seq, server_at, client_at, foreground, taps, scrolls, \`keys\`, gaps, statute, article, scroll)
      SELECT s.id, n.seq, s.started_at + INTERVAL n.seq * 30 SECOND, s.started_at + INTERVAL n.seq * 30 SECOND, 1, n.seq MOD 3, 1 + n.seq MOD 4, 0, '[]', s.statute_slug, n.seq, n.seq / 30
      FROM study_sessions s JOIN seq_1_to_29 n ON n.seq <= s.credited_seconds DIV 30 WHERE s.id BETWEEN ${from} AND ${from + CHUNK - 1}`);
  }
  await timed(conn, log, 'presence checks', `INSERT INTO presence_checks (session_id, question_version_id, asked_at, expires_at, answered_at, correct)
    SELECT id, (SELECT MIN(id) FROM question_versions), started_at + INTERVAL 120 SECOND, started_at + INTERVAL 180 SECOND, started_at + INTERVAL 150 SECOND, id MOD 10 <> 1
    FROM study_sessions WHERE id MOD 2 = 0`);
  await timed(conn, log, 'flags', `INSERT INTO study_flags (session_id, user_id, kind, from_at, to_at, evidence, explanation, status, reviewed_by_id, reviewed_at)
    SELECT id, user_id, ELT(1 + (id DIV 50) MOD 3, 'silence', 'unverified', 'concurrent'), started_at + INTERVAL 60 SECOND, started_at + INTERVAL 180 SECOND, '{}', '连续两分钟无任何操作',
      ELT(1 + (id DIV 50) MOD 5, 'open', 'confirmed', 'dismissed', 'dismissed', 'confirmed'),
      IF((id DIV 50) MOD 5 = 0, NULL, ${BUREAU_ID}), IF((id DIV 50) MOD 5 = 0, NULL, ended_at + INTERVAL 1 DAY)
    FROM study_sessions WHERE id MOD 50 = 0`);
  // A confirmed flag withholds its two minutes from the session's credit, as recomputeCredit does.
  await timed(conn, log, 'credit under confirmed flags', `UPDATE study_sessions s JOIN study_flags f ON f.session_id = s.id AND f.status = 'confirmed'
    SET s.credited_seconds = s.credited_seconds - 120,
      s.analysis = JSON_SET(s.analysis, '$.effective', JSON_ARRAY(
        JSON_ARRAY(JSON_EXTRACT(s.analysis, '$.credited[0][0]'), JSON_EXTRACT(s.analysis, '$.credited[0][0]') + 60000),
        JSON_ARRAY(JSON_EXTRACT(s.analysis, '$.credited[0][0]') + 180000, JSON_EXTRACT(s.analysis, '$.credited[0][1]'))))`);
}

async function meetings(conn: Conn, log: Log): Promise<void> {
  await timed(conn, log, 'meetings', `INSERT INTO study_meetings (id, organization_id, topic, statutes, place, starts_at, ends_at, credit_minutes, qr_secret, created_by_id)
    SELECT seq, ${4 + DEPARTMENTS} + (seq - 1) MOD ${SUB_UNITS}, CONCAT('会前学法第', 1 + (seq - 1) DIV ${SUB_UNITS}, '期'), '[]', '会议室',
      TIMESTAMP('2026-01-15 01:00:00') + INTERVAL (seq - 1) DIV ${SUB_UNITS} MONTH, TIMESTAMP('2026-01-15 02:00:00') + INTERVAL (seq - 1) DIV ${SUB_UNITS} MONTH,
      60, SHA2(seq, 256), ${COUNTY_ORGANISER_ID}
    FROM seq_1_to_${SUB_UNITS * MEETING_MONTHS}`);
  await timed(conn, log, 'meeting invitees', `INSERT INTO meeting_invitees (meeting_id, user_id)
    SELECT m.id, u.id FROM study_meetings m JOIN users u ON u.organization_id = m.organization_id AND u.id <= ${CADRES}`);
  await timed(conn, log, 'attendance', `INSERT INTO attendances (meeting_id, user_id, method, checked_in_at)
    SELECT i.meeting_id, i.user_id, 'qr', m.starts_at + INTERVAL 5 MINUTE FROM meeting_invitees i JOIN study_meetings m ON m.id = i.meeting_id
    WHERE (i.meeting_id + i.user_id) MOD 10 <> 0`);
}

async function examsAndAnswers(conn: Conn, log: Log): Promise<void> {
  await conn.query(`INSERT INTO paper_blueprints (id, organization_id, name, kind, rules, points, partial_credit, pass_mark, time_limit_minutes, shuffle_questions, shuffle_options, prefer_unseen, created_by_id, updated_at)
    VALUES (1, ${COUNTY_ID}, '季度学法考试', 'random', '[]', '{"single":2,"multiple":2,"judge":2,"fill":2}', 0, 60, 60, 1, 1, 0, ${COUNTY_ORGANISER_ID}, NOW(3))`);
  const review = `'{"score":true,"correctness":true,"keys":false,"explanations":false}'`;
  await timed(conn, log, 'exams', `INSERT INTO exams (id, organization_id, blueprint_id, title, opens_at, closes_at, key_minority_only, attempts_allowed, scoring, grace_seconds, review_after_submit, review_after_close, created_by_id, updated_at)
    SELECT seq, ${COUNTY_ID}, 1, CONCAT('2026年第', seq, '季度学法考试'), TIMESTAMP('2026-02-10 01:00:00') + INTERVAL (seq - 1) * 3 MONTH,
      TIMESTAMP('2026-02-17 01:00:00') + INTERVAL (seq - 1) * 3 MONTH, 0, 1, 'best', 60, ${review}, ${review}, ${COUNTY_ORGANISER_ID}, NOW(3)
    FROM seq_1_to_${EXAMS}`);
  await conn.query(`INSERT INTO exam_audience (exam_id, organization_id) SELECT seq, ${COUNTY_ID} FROM seq_1_to_${EXAMS}`);
  await timed(conn, log, 'attempts', `INSERT INTO attempts (id, exam_id, user_id, attempt_no, status, started_at, deadline, submitted_at, score, max_score, passed)
    SELECT id, exam_id, user_id, 1, 'submitted', started_at, started_at + INTERVAL 60 MINUTE, started_at + INTERVAL 35 MINUTE, score, 100, score >= 60
    FROM (SELECT (e.seq - 1) * ${CADRES} + u.seq AS id, e.seq AS exam_id, u.seq AS user_id,
      TIMESTAMP('2026-02-10 01:00:00') + INTERVAL (e.seq - 1) * 3 MONTH + INTERVAL u.seq MOD 10000 MINUTE AS started_at, 100 - 2 * ((u.seq + e.seq) MOD 25) AS score
      FROM seq_1_to_${EXAMS} e JOIN seq_1_to_${CADRES} u) a`);
  await conn.query(`CREATE TEMPORARY TABLE bench_versions (n INT PRIMARY KEY, version_id INT NOT NULL, statute_id INT NULL)
    SELECT ROW_NUMBER() OVER (ORDER BY v.id) - 1 AS n, v.id AS version_id, (SELECT c.statute_id FROM question_citations c WHERE c.version_id = v.id ORDER BY c.ordinal LIMIT 1) AS statute_id
    FROM question_versions v WHERE v.is_current LIMIT 600`);
  const [[{ versions }]] = await conn.query(`SELECT COUNT(*) AS versions FROM bench_versions`) as unknown as [[{ versions: number }]];
  if (!versions) throw new Error('no question versions loaded: the bench database needs the shipped bank');
  const attempts = EXAMS * CADRES;
  for (let from = 1; from <= attempts; from += CHUNK / 2) {
    const to = Math.min(attempts, from + CHUNK / 2 - 1);
    await timed(conn, log, `answers of attempts ${from}–${to}`, `INSERT INTO attempt_items (attempt_id, ordinal, question_version_id, statute_id, points, response, response_seq, answered_at, score, correct)
      SELECT a.id, o.seq, v.version_id, v.statute_id, 2, '["A"]', 1, a.started_at + INTERVAL o.seq * 30 SECOND, IF((a.id + o.seq) MOD 4 = 0, 0, 2), (a.id + o.seq) MOD 4 <> 0
      FROM attempts a JOIN seq_1_to_${ITEMS_PER_ATTEMPT} o JOIN bench_versions v ON v.n = (a.user_id * 7 + o.seq * 13) MOD ${versions}
      WHERE a.id BETWEEN ${from} AND ${to}`);
  }
}

async function campaign(conn: Conn, log: Log): Promise<void> {
  await conn.query(`INSERT INTO campaigns (id, organization_id, name, period, starts_at, ends_at, key_minority_only, created_by_id, updated_at)
    VALUES (${CAMPAIGN_ID}, ${COUNTY_ID}, '2026年度学法用法', '2026年度', '2025-12-31 16:00:00', '2026-12-31 16:00:00', 0, ${COUNTY_ORGANISER_ID}, NOW(3))`);
  await conn.query(`INSERT INTO campaign_audience (campaign_id, organization_id) VALUES (${CAMPAIGN_ID}, ${COUNTY_ID})`);
  await conn.query(`INSERT INTO campaign_requirements (id, campaign_id, kind, title, params, recurrence, due_at) VALUES
    (1, ${CAMPAIGN_ID}, 'study', '每月线上学法', '{"minutes":60}', '0 0 1 * *', NULL),
    (2, ${CAMPAIGN_ID}, 'meeting', '全年会前学法', '{"count":8}', NULL, '2026-12-31 16:00:00'),
    (3, ${CAMPAIGN_ID}, 'exam', '第四季度学法考试', '{"blueprintId":1,"windowDays":7,"attemptsAllowed":1}', NULL, '2026-11-17 01:00:00')`);
  // Monthly study tasks: the period opens at 00:00 Beijing time on the 1st (16:00 UTC the day before).
  await timed(conn, log, 'study tasks', `INSERT INTO task_instances (requirement_id, user_id, period_key, opens_at, due_at)
    SELECT 1, u.seq, DATE_FORMAT(TIMESTAMP('2026-01-01') + INTERVAL m.seq - 1 MONTH, '%Y-%m-%d'),
      TIMESTAMP('2025-12-31 16:00:00') + INTERVAL m.seq - 1 MONTH, TIMESTAMP('2025-12-31 16:00:00') + INTERVAL m.seq MONTH
    FROM seq_1_to_12 m JOIN seq_1_to_${CADRES} u`);
  await timed(conn, log, 'meeting and exam tasks', `INSERT INTO task_instances (requirement_id, user_id, period_key, opens_at, due_at, exam_id)
    SELECT r.seq + 1, u.seq, 'once', IF(r.seq = 1, '2025-12-31 16:00:00', '2026-11-10 01:00:00'), IF(r.seq = 1, '2026-12-31 16:00:00', '2026-11-17 01:00:00'), IF(r.seq = 2, ${EXAMS}, NULL)
    FROM seq_1_to_2 r JOIN seq_1_to_${CADRES} u`);
}

/** Row counts of the tables the reports read. */
export async function dataSizes(conn: Conn): Promise<Record<string, number>> {
  const tables = ['organizations', 'users', 'study_sessions', 'heartbeats', 'presence_checks', 'study_flags', 'study_meetings', 'meeting_invitees', 'attendances', 'attempts', 'attempt_items', 'task_instances'];
  const sizes: Record<string, number> = {};
  for (const table of tables) {
    const [[row]] = await conn.query(`SELECT COUNT(*) AS n FROM ${table}`) as unknown as [[{ n: number }]];
    sizes[table] = Number(row.n);
  }
  return sizes;
}
