/**
 * A V8 CPU profile as tables: self time summed by source file, the top functions by self time, and the src/ functions
 * by inclusive time, so bench/turn-profile.ts reads as "where a turn's time goes".
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** Prints the tables; `filter` keeps the files and functions whose path contains it. */
export function printProfile(profile: Profile, filter = ''): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });

  const short = (url: string) =>
    url.replace(/^file:\/\//, '').replace(/^.*?\/(src|node_modules|bench)\//, '$1/') || '(native)';
  const files = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id) as Node;
    total += us;
    const where = short(node.callFrame.url);
    files.set(where, (files.get(where) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${where}:${node.callFrame.lineNumber + 1}`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .filter(([k]) => k.includes(filter))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n);
  console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
  for (const [k, us] of top(files, 30)) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  console.log('--- functions, self');
  for (const [k, us] of top(fns, 40)) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);

  // Inclusive time: each sample counts once for every distinct function on its stack (recursion counted once).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: Node) =>
    `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(key(byId.get(at) as Node));
    for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log('--- functions, inclusive (src/ only)');
  for (const [k, us] of top(new Map([...inclusive].filter(([k]) => k.includes(' src/'))), 60))
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
}
