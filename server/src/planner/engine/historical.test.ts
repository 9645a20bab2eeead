import { describe, expect, it } from 'vitest';
import { parseCordeau } from '../darp/cordeau.ts';
import { ArcMemory, historicalRemoval } from './alns.ts';
import { nodeCount } from './instance.ts';
import type { Rng } from './rng.ts';
import { buildRoute, type Route } from './route.ts';

// Three requests on a line, one vehicle with room for all, wide windows: any order is feasible.
const text = [
  '1 3 480 3 480',
  '0 0 0 0 0 0 1440',
  '1 1 0 1 1 0 1440',
  '2 2 0 1 1 0 1440',
  '3 3 0 1 1 0 1440',
  '4 1 1 1 -1 0 1440',
  '5 2 1 1 -1 0 1440',
  '6 3 1 1 -1 0 1440',
  '7 0 0 0 0 0 1440',
].join('\n');
const { instance: inst } = parseCordeau('line-3', text);
const R = inst.nReq;
const route = (...stops: number[]): Route[] => {
  const rt = buildRoute(inst, 0, stops);
  if (!rt) throw new Error('test route infeasible');
  return [rt];
};
/** Always the first of the ranking: what the operator prefers, without its randomness. */
const first: Rng = { next: () => 0, int: () => 0 };

describe('historical node-pair removal', () => {
  it('an arc remembers the cheapest accepted plan it was in', () => {
    const memory = new ArcMemory(nodeCount(inst));
    memory.remember(route(0, R, 1, R + 1), 120);
    memory.remember(route(0, R, 1, R + 1), 100);
    memory.remember(route(0, R, 1, R + 1), 130);
    expect(memory.get(0, R)).toBe(100);
    expect(memory.get(R, 0)).toBeGreaterThan(1e29);
  });

  it('takes out first the request whose arcs only ever sat in expensive plans', () => {
    const memory = new ArcMemory(nodeCount(inst));
    // The cheap plan served the requests in the order 0, 2, 1.
    memory.remember(route(0, R, 2, R + 2, 1, R + 1), 50);
    // The walk now serves request 1 first: the arcs into and out of it are new, only in this plan,
    // while requests 0 and 2 keep three of their four arcs from the cheap plan.
    const current = route(1, R + 1, 0, R, 2, R + 2);
    memory.remember(current, 80);
    expect(historicalRemoval(memory)(inst, current, [0, 1, 2], 1, first)).toEqual([1]);
  });
});
