// The benchmark report in Markdown, for people: the machine first, then the figures.
export function renderMarkdown(report: any): string {
  const m = report.machine;
  const l = report.lifecycle;
  const s = report.scale;
  const lines: string[] = [
    `# courtrelay benchmark (${report.mode})`,
    '',
    `Run ${report.generatedAt} on ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}; ${m.temporal}; ${m.postgres}.`,
    '',
  ];
  if (l) {
    lines.push(
      '## Transfer lifecycles (trigger → acceptance, every Update through the API)',
      '',
      `| figure | value |`,
      `|---|---|`,
      `| lifecycles | ${l.lifecycles} at concurrency ${l.concurrency} |`,
      `| Updates per lifecycle | ${l.updatesPerLifecycle} |`,
      `| lifecycles per second | ${l.lifecyclesPerSecond} |`,
      `| floor (trivial workflow, same Updates, same path) | ${l.floor?.lifecyclesPerSecond} lifecycles/s |`,
      `| **ratio to the floor** | **${l.ratioToFloor}** |`,
      `| history events per lifecycle | ${l.historyEvents} |`,
      `| Updates answered 409 WrongStage and sent again (the workflow had not yet moved on by itself) | ${l.wrongStageRetries} |`,
      `| worker peak RSS | ${l.workerPeakRssMiB} MiB |`,
      `| API peak RSS | ${l.apiPeakRssMiB} MiB |`,
      '',
      '| request | count | p50 ms | p95 ms | p99 ms |',
      '|---|---|---|---|---|',
      ...Object.entries(l.latencies as Record<string, any>).map(([k, v]) => `| ${k} | ${v.count} | ${v.p50} | ${v.p95} | ${v.p99} |`),
      '',
      '| floor request | count | p50 ms | p95 ms | p99 ms |',
      '|---|---|---|---|---|',
      ...Object.entries((l.floor?.latencies ?? {}) as Record<string, any>).map(([k, v]) => `| ${k} | ${v.count} | ${v.p50} | ${v.p95} | ${v.p99} |`),
      '',
    );
  }
  if (s) {
    lines.push(
      `## Scale: ${s.count} open preservation workflows with long timers`,
      '',
      '| figure | value |',
      '|---|---|',
      `| started in | ${s.startSeconds} s (${s.startsPerSecond} per second) |`,
      `| worker RSS with them open | ${s.workerRssMiB} MiB (peak ${s.workerPeakRssMiB} MiB) |`,
      `| granting ${s.withMeasures} of them with one bank freeze each (2 Updates) | ${s.setupSeconds} s |`,
      `| supervisor's "soon due" list, 30 days | ${s.soonDueMs} ms for ${s.soonDueRows} rows |`,
      `| the same list over 400 days (every measure) | ${s.allDueMs} ms for ${s.allDueRows} rows |`,
      '',
    );
  }
  const a = report.auditAppend;
  if (a) {
    lines.push(
      `## Audit appends (chain, seal, unique place per process; ${a.appendsPerWriter} per writer over ${a.processesPerWriter} processes each)`,
      '',
      '| concurrent writers | appends | seconds | appends per second |',
      '|---|---|---|---|',
      ...(a.runs as any[]).map((r) => `| ${r.writers} | ${r.appends} | ${r.seconds} | ${r.appendsPerSecond} |`),
      '',
    );
  }
  return lines.join('\n');
}
