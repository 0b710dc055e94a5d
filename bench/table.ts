/** One row of the targets table. */
export interface Row {
  metric: string;
  value: number;
  unit: string;
  target: number;
  better: 'lower' | 'higher';
}

/** Prints metric / measured / target / PASS-MISS as an aligned plain-text table. */
export function printTable(rows: Row[]): void {
  const cells = rows.map((r) => {
    const pass = Number.isFinite(r.value) && (r.better === 'lower' ? r.value <= r.target : r.value >= r.target);
    return [
      r.metric,
      `${r.value} ${r.unit}`,
      `${r.better === 'lower' ? '≤' : '≥'} ${r.target} ${r.unit}`,
      pass ? 'PASS' : 'MISS',
    ];
  });
  const header = ['metric', 'measured', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i] as number)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}
