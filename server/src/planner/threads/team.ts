import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import type { EpochReport, Team } from '../engine/alns.ts';

/** A peer that sends nothing for this long has died (an epoch is seconds at most). */
const PEER_TIMEOUT_MS = 120_000;
/** Waits are sliced so that a terminated worker stops at once instead of sleeping on. */
const WAIT_SLICE_MS = 50;

/**
 * The threads of one search as a `Team`: a message port to every other member and one shared
 * counter per member, bumped by whoever posts to it. `trade` posts this thread's report to every
 * peer, then blocks (Atomics.wait, no CPU) until each peer's report for the same epoch is in. The
 * search loop stays synchronous; reports come back in member order, so what every thread does with
 * them is deterministic.
 */
export function portTeam(index: number, ports: readonly (MessagePort | null)[], signal: Int32Array): Team {
  const size = ports.length;
  const receive = (from: number, epoch: number): EpochReport => {
    const port = ports[from]!;
    const since = Date.now();
    for (;;) {
      const seen = Atomics.load(signal, index);
      const got = receiveMessageOnPort(port);
      if (got) {
        const msg = got.message as { epoch: number; report: EpochReport };
        if (msg.epoch !== epoch)
          throw new Error(
            `planner thread ${index}: epoch ${msg.epoch} from thread ${from}, expected ${epoch}`,
          );
        return msg.report;
      }
      Atomics.wait(signal, index, seen, WAIT_SLICE_MS);
      if (Date.now() - since > PEER_TIMEOUT_MS)
        throw new Error(`planner thread ${index}: thread ${from} went silent`);
    }
  };
  return {
    index,
    size,
    trade(epoch, own) {
      for (let j = 0; j < size; j++) {
        if (j === index) continue;
        ports[j]!.postMessage({ epoch, report: own });
        Atomics.add(signal, j, 1);
        Atomics.notify(signal, j);
      }
      const out: EpochReport[] = [];
      for (let j = 0; j < size; j++) out.push(j === index ? own : receive(j, epoch));
      return out;
    },
  };
}
