/**
 * Every precedence-respecting order of the given requests: each pickup `r` before its drop-off
 * `n + r` (n = the instance's request count, so engine numbering when requests count from 0).
 * For brute-force checks on tiny instances.
 */
export function orders(n: number, reqs: number[]): number[][] {
  const out: number[][] = [];
  const rec = (seq: number[], todo: number[], open: number[]): void => {
    if (todo.length === 0 && open.length === 0) {
      out.push(seq);
      return;
    }
    for (const r of todo)
      rec(
        [...seq, r],
        todo.filter((x) => x !== r),
        [...open, r],
      );
    for (const r of open)
      rec(
        [...seq, n + r],
        todo,
        open.filter((x) => x !== r),
      );
  };
  rec([], reqs, []);
  return out;
}
