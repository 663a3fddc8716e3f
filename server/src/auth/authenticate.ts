import { rawDate } from '../db/raw-values.ts';
import { GroupCommit } from '../db/group-commit.ts';
import { placeholders, rawSql, type RawSql } from '../db/raw-sql.ts';
import type { AppDeps } from '../deps.ts';
import { UnauthenticatedError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { sha256 } from './secrets.ts';
import { cachedActor, rememberActor } from './actor-cache.ts';
import { feedPosition, revokedSince } from './revocations.ts';
import { perDeps } from '../db/per-db.ts';

const LAST_USED_RESOLUTION_MS = 5 * 60_000;

/**
 * Resolves `Authorization: Bearer <token>` to an actor. No header → anonymous; a header with a
 * bad, expired or revoked token is an error rather than silently anonymous.
 */
export async function authenticate(deps: Pick<AppDeps, 'db' | 'rawMysql'>, header: string, now: number): Promise<Actor | null> {
  const { db } = deps;
  if (!header) return null;
  // The scheme is case-insensitive (RFC 9110 §11.1): "bearer" is as good as "Bearer".
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/i.exec(header.trim());
  if (!match) throw new UnauthenticatedError('访问令牌格式不正确', 'token_invalid');
  const tokenHash = sha256(match[1]!);
  const cached = cachedActor(db, tokenHash, now);
  if (cached) return cached;
  const position = feedPosition(db);
  const rows = await tokenLoader(deps).submit(tokenHash);
  const row = rows[0];
  if (!row || row.revokedAt || rawDate(row.expiresAt).getTime() <= now || row.status !== 'active') {
    throw new UnauthenticatedError('登录已失效，请重新登录', 'token_invalid');
  }
  // Recording use on every request would turn each read into a write; a coarse stamp is enough,
  // written in batches off the request's path (a peak of first requests would wait on commits).
  if (!row.lastUsedAt || now - rawDate(row.lastUsedAt).getTime() > LAST_USED_RESOLUTION_MS) touchToken(deps, row.tokenId, now);
  const actor: Actor = {
    userId: row.userId,
    name: row.name,
    organizationId: row.organizationId,
    organizationPath: row.organizationPath,
    tokenId: row.tokenId,
    roles: rows.filter((r) => r.role !== null).map((grant) => ({
      role: grant.role as Actor['roles'][number]['role'],
      scopeOrganizationId: grant.scopeOrganizationId,
      scopePath: grant.scopePath,
    })),
  };
  const expiresAt = rawDate(row.expiresAt).getTime();
  if (!revokedSince(db, position, actor)) rememberActor(db, tokenHash, actor, expiresAt, now);
  return actor;
}

const toucher = perDeps((deps) => new GroupCommit(async (rows: Array<{ tokenId: number; at: number }>) => {
  await rawSql(deps).run(`UPDATE access_tokens SET last_used_at = ? WHERE id IN (${placeholders(rows.length)})`, [new Date(Math.max(...rows.map((r) => r.at))), ...rows.map((r) => r.tokenId)]);
  return rows.map(() => null);
}, { maxBatch: 500, maxInFlight: 1 }));

function touchToken(deps: Pick<AppDeps, 'db' | 'rawMysql'>, tokenId: number, at: number): void {
  // A lost stamp only makes "last used" coarser; it must not fail the request.
  toucher(deps).submit({ tokenId, at }).catch(() => undefined);
}

type TokenRow = {
  tokenHash: string; tokenId: number; expiresAt: Date | string; revokedAt: Date | string | null; lastUsedAt: Date | string | null;
  userId: number; name: string; status: string; organizationId: number; organizationPath: string;
  role: string | null; scopeOrganizationId: number | null; scopePath: string | null;
};

/**
 * Tokens with their users, the users' organisations and roles (one row per grant), for every
 * cache miss of one moment in one statement: after a restart, the first heartbeat of each
 * learner misses, and this is its only read.
 */
async function tokenRows(sql: RawSql, tokenHashes: string[]): Promise<TokenRow[][]> {
  const rows = await sql.rows<TokenRow>(`
    SELECT t.token_hash AS tokenHash, t.id AS tokenId, t.expires_at AS expiresAt, t.revoked_at AS revokedAt, t.last_used_at AS lastUsedAt,
      u.id AS userId, u.name AS name, u.status AS status, u.organization_id AS organizationId, o.path AS organizationPath,
      g.role AS role, g.scope_organization_id AS scopeOrganizationId, so.path AS scopePath
    FROM access_tokens t
    JOIN users u ON u.id = t.user_id
    JOIN organizations o ON o.id = u.organization_id
    LEFT JOIN role_grants g ON g.user_id = u.id
    LEFT JOIN organizations so ON so.id = g.scope_organization_id
    WHERE t.token_hash IN (${placeholders(tokenHashes.length)})
    ORDER BY g.id`, tokenHashes);
  const byHash = new Map<string, TokenRow[]>(tokenHashes.map((hash) => [hash, []]));
  for (const row of rows) byHash.get(row.tokenHash)!.push(row);
  return tokenHashes.map((hash) => byHash.get(hash)!);
}

const tokenLoader = perDeps((deps) => new GroupCommit((hashes: string[]) => tokenRows(rawSql(deps), hashes), { maxBatch: 200, maxInFlight: 2 }));
