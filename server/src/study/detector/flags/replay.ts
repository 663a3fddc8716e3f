// Replayed beats were already ignored at intake; this only explains them.
import type { Flag } from '../types.ts';
import type { Replay } from '../intake.ts';
import { makeFlag } from '../evidence.ts';

/** One flag per burst of replays (those arriving between the same two accepted beats). */
export function replayFlags(replays: Replay[]): Flag[] {
  const bursts: Replay[][] = [];
  for (const replay of replays) {
    const burst = bursts.at(-1);
    if (burst && burst[0]!.acceptedBefore === replay.acceptedBefore) burst.push(replay);
    else bursts.push([replay]);
  }
  return bursts.map((burst) => {
    const first = burst[0]!;
    const count = burst.length;
    return makeFlag('replay', { from: first.beat.serverAt, to: burst.at(-1)!.beat.serverAt },
      { count, seq: first.beat.seq, highestSeq: first.highestSeq },
      `收到 ${count} 个序号重复或倒退的心跳（如第 ${first.beat.seq} 号出现在第 ${first.highestSeq} 号之后），疑似重放旧数据，已忽略，不计学时`);
  });
}
