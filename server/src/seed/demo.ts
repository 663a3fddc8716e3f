// The demo data an embedded start comes up with: a city with its justice bureau, two
// counties with a few units each, and one account per role. Natural keys (codes, usernames,
// phones) make every step an upsert, so a second start seeds nothing twice.
import type { OrgLevel, Role } from '../../generated/mysql/enums.ts';
import type { Db } from '../db/client.ts';
import { hashPassword } from '../auth/secrets.ts';

export const DEMO_PASSWORD = 'xuefa-demo-2026';

type DemoOrg = { code: string; name: string; level: OrgLevel; parent?: string };

export const demoOrganizations: DemoOrg[] = [
  { code: 'DEMO-P', name: '示范省', level: 'province' },
  { code: 'DEMO-C', name: '示范市', level: 'city', parent: 'DEMO-P' },
  { code: 'DEMO-C-SFJ', name: '示范市司法局', level: 'unit', parent: 'DEMO-C' },
  { code: 'DEMO-C-SCJ', name: '示范市市场监督管理局', level: 'unit', parent: 'DEMO-C' },
  { code: 'DEMO-E', name: '东城县', level: 'county', parent: 'DEMO-C' },
  { code: 'DEMO-E-SFJ', name: '东城县司法局', level: 'unit', parent: 'DEMO-E' },
  { code: 'DEMO-E-ZF', name: '东城县人民政府办公室', level: 'unit', parent: 'DEMO-E' },
  { code: 'DEMO-E-GA', name: '东城县公安局', level: 'unit', parent: 'DEMO-E' },
  { code: 'DEMO-W', name: '西山县', level: 'county', parent: 'DEMO-C' },
  { code: 'DEMO-W-SFJ', name: '西山县司法局', level: 'unit', parent: 'DEMO-W' },
  { code: 'DEMO-W-ZR', name: '西山县自然资源局', level: 'unit', parent: 'DEMO-W' },
  { code: 'DEMO-W-JT', name: '西山县交通运输局', level: 'unit', parent: 'DEMO-W' },
];

type DemoUser = {
  name: string; phone: string; position: string; rank?: string; isKeyMinority: boolean; org: string;
  roles: Array<{ role: Role; scope?: string }>; username?: string;
};

export const demoUsers: DemoUser[] = [
  { name: '系统管理员', phone: '13900000001', position: '系统管理员', isKeyMinority: false, org: 'DEMO-C-SFJ', roles: [{ role: 'admin' }], username: 'admin' },
  { name: '周审核', phone: '13900000002', position: '法治督察科科长', isKeyMinority: false, org: 'DEMO-C-SFJ', roles: [{ role: 'bureau', scope: 'DEMO-C' }], username: 'bureau' },
  { name: '吴组织', phone: '13900000003', position: '普法与依法治理股股长', isKeyMinority: false, org: 'DEMO-E-SFJ', roles: [{ role: 'organiser', scope: 'DEMO-E' }, { role: 'cadre' }], username: 'organiser-east' },
  { name: '郑组织', phone: '13900000004', position: '普法与依法治理股股长', isKeyMinority: false, org: 'DEMO-W-SFJ', roles: [{ role: 'organiser', scope: 'DEMO-W' }, { role: 'cadre' }], username: 'organiser-west' },
  { name: '王建国', phone: '13900000011', position: '县人民政府办公室主任', rank: '一级调研员', isKeyMinority: true, org: 'DEMO-E-ZF', roles: [{ role: 'cadre' }] },
  { name: '李卫东', phone: '13900000012', position: '县公安局局长', rank: '二级调研员', isKeyMinority: true, org: 'DEMO-E-GA', roles: [{ role: 'cadre' }] },
  { name: '赵敏', phone: '13900000013', position: '治安管理大队民警', rank: '一级主任科员', isKeyMinority: false, org: 'DEMO-E-GA', roles: [{ role: 'cadre' }] },
  { name: '孙丽华', phone: '13900000021', position: '县自然资源局局长', rank: '二级调研员', isKeyMinority: true, org: 'DEMO-W-ZR', roles: [{ role: 'cadre' }] },
  { name: '钱志强', phone: '13900000022', position: '县交通运输局副局长', rank: '三级调研员', isKeyMinority: true, org: 'DEMO-W-JT', roles: [{ role: 'cadre' }] },
  { name: '陈静', phone: '13900000023', position: '执法大队队员', rank: '四级主任科员', isKeyMinority: false, org: 'DEMO-W-JT', roles: [{ role: 'cadre' }] },
  { name: '刘明', phone: '13900000031', position: '市市场监督管理局局长', rank: '一级巡视员', isKeyMinority: true, org: 'DEMO-C-SCJ', roles: [{ role: 'cadre' }] },
];

async function seedOrganizations(db: Db): Promise<Map<string, number>> {
  const seeded = new Map<string, { id: number; path: string }>();
  for (const org of demoOrganizations) {
    const parent = org.parent ? seeded.get(org.parent)! : null;
    const row = await db.organization.upsert({ where: { code: org.code }, create: { code: org.code, name: org.name, level: org.level, parentId: parent?.id ?? null, path: '' }, update: {}, select: { id: true, path: true } });
    const path = row.path || `${parent?.path ?? '/'}${row.id}/`;
    if (!row.path) await db.organization.update({ where: { id: row.id }, data: { path } });
    seeded.set(org.code, { id: row.id, path });
  }
  return new Map([...seeded].map(([code, { id }]) => [code, id]));
}

/** Creates whatever part of the demo data is missing; returns how many people it added. */
export async function seedDemo(db: Db): Promise<number> {
  const orgIds = await seedOrganizations(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let added = 0;
  for (const person of demoUsers) {
    if (await db.user.findUnique({ where: { phone: person.phone }, select: { id: true } })) continue;
    await db.user.create({
      data: {
        name: person.name, phone: person.phone, position: person.position, rank: person.rank ?? null,
        isKeyMinority: person.isKeyMinority, organizationId: orgIds.get(person.org)!,
        roles: { create: person.roles.map((grant) => ({ role: grant.role, scopeOrganizationId: grant.scope ? orgIds.get(grant.scope)! : null })) },
        ...(person.username ? { credential: { create: { username: person.username, passwordHash } } } : {}),
      },
    });
    added++;
  }
  return added;
}
