import { describe, expect, it } from 'vitest';
import { parseCordeau } from '../darp/cordeau.ts';
import { partition } from './partition.ts';
import type { PooledRoute } from './pool.ts';

// Four requests; only the request count and the penalties for leaving one out matter here.
const inst = parseCordeau(
  'tiny',
  [
    '2 4 480 3 90',
    '0 0 0 0 0 0 480',
    ...[1, 2, 3, 4].map((i) => `${i} ${i} 0 1 1 0 480`),
    ...[5, 6, 7, 8].map((i) => `${i} ${i} 1 1 -1 0 480`),
    '9 0 0 0 0 0 480',
  ].join('\n'),
).instance;

const column = (requests: number[], cost: number, cls = 0): PooledRoute => ({
  cls,
  interior: Int32Array.from(requests.flatMap((r) => [r, inst.nReq + r])),
  requests: Int32Array.from(requests),
  cost,
});

describe('set-partitioning recombination', () => {
  const pool = [
    column([0, 1], 10),
    column([2, 3], 10),
    column([0, 2], 4),
    column([1, 3], 4),
    column([0, 1, 2, 3], 30),
    column([1, 2], 1),
  ];

  it('finds the cheapest exact cover the pool allows, below the incumbent', () => {
    const found = partition(inst, pool, [2], 20, { nodes: 10_000 });
    expect(found?.cost).toBe(8);
    expect(found?.unserved).toEqual([]);
    const covered = found!.routes.flatMap((c) => [...c.requests]).sort();
    expect(covered).toEqual([0, 1, 2, 3]);
  });

  it('keeps to the vehicles of each class and returns nothing when no cover beats the incumbent', () => {
    expect(partition(inst, pool, [1], 20, { nodes: 10_000 })).toBeNull();
    expect(partition(inst, pool, [1], 31, { nodes: 10_000 })?.cost).toBe(30);
    expect(partition(inst, pool, [2], 8, { nodes: 10_000 })).toBeNull();
  });
});
