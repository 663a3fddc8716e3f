// Summarises a V8 .cpuprofile: where the time went, by package or server area (self time) and
// by function (self and inclusive time). Used by exam-burst.ts --cpu-prof; also runnable alone:
//   node --import tsx test/bench/cpuprofile.ts FILE.cpuprofile
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** Which package or part of the server a frame belongs to. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native/V8 builtins)';
  if (url.startsWith('wasm://')) return 'wasm (Prisma query compiler)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const generated = /\/server\/generated\//.exec(url);
  if (generated) return 'server/generated (Prisma client)';
  const src = /\/server\/src\/([^/]+)(\/|\.ts)/.exec(url);
  if (src) return `server/src/${src[1]}`;
  const test = /\/test\/(.+)$/.exec(url);
  if (test) return `test/${test[1]}`;
  return url;
}

export function summariseCpuProfile(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Self time per node from the samples and their time deltas (µs).
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idleUs = profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((sum, n) => sum + (selfUs.get(n.id) ?? 0), 0);
  const busyUs = totalUs - idleUs;

  const keyOf = (n: ProfileNode) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const short = url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|server|test)\//, '$1/');
    return `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
  };
  const area = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const root = profile.nodes[0]!;
  const walk = (node: ProfileNode, onPath: Map<string, number>) => {
    const key = keyOf(node);
    const us = selfUs.get(node.id) ?? 0;
    const name = areaOf(node.callFrame.url, node.callFrame.functionName);
    if (name !== '(idle)') {
      area.set(name, (area.get(name) ?? 0) + us);
      self.set(key, (self.get(key) ?? 0) + us);
    }
    onPath.set(key, (onPath.get(key) ?? 0) + 1);
    if (us && name !== '(idle)') for (const k of onPath.keys()) inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    for (const child of node.children ?? []) walk(byId.get(child)!, onPath);
    const left = onPath.get(key)! - 1;
    if (left) onPath.set(key, left); else onPath.delete(key);
  };
  walk(root, new Map());

  const pct = (us: number) => `${((us / busyUs) * 100).toFixed(1).padStart(5)} %`;
  const lines = [
    `profiled ${(totalUs / 1e6).toFixed(1)} s, of which busy ${(busyUs / 1e6).toFixed(1)} s (${((busyUs / totalUs) * 100).toFixed(0)} %); shares below are of the busy time`,
    'self time by package / server area:',
    ...[...area].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([name, us]) => `  ${pct(us)}  ${name}`),
    `self time by function (top ${top}):`,
    ...[...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => `  ${pct(us)}  ${name}`),
    `inclusive time by function (top ${top}, server code and libraries' entry points):`,
    ...[...inclusive].filter(([name]) => !/^\((root|program)\)/.test(name)).sort((a, b) => b[1] - a[1]).slice(0, top * 2)
      .map(([name, us]) => `  ${pct(us)}  ${name}`),
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(summariseCpuProfile(process.argv[2]!, Number(process.argv[3] ?? 25)));
}
