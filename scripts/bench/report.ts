import type { Summary } from "../lib/load.ts";

/** Markdown output shared by the benchmark's sections. */
export const fmt = (n: number, digits = 2) => n.toFixed(digits);

export function latencyTable(rows: [string, Summary][]): string {
  return [
    "| case | p50 ms | p99 ms | req/s | failures |",
    "|---|---:|---:|---:|---:|",
    ...rows.map(([name, s]) => `| ${name} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${s.rps.toFixed(0)} | ${s.failures} |`),
  ].join("\n");
}

export function ratioLine(label: string, base: Summary, measured: Summary): string {
  return `${label}: p50 ×${fmt(measured.p50 / base.p50)}, p99 ×${fmt(measured.p99 / base.p99)}, throughput ×${fmt(measured.rps / base.rps)}`;
}
