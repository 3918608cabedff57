import type { Database } from "../../core/db/client.ts";
import { deleteLogsBefore, projectsWithLogsPastRetention } from "../repositories/execution-logs.ts";
import type { BatchLimits } from "./batches.ts";

// Deleting a log touches its row and three indexes; 500 rows is a short statement, and 20 of them
// (10,000 logs) a run, 96 runs a day, outpaces any gateway's logging by far.
export const OLD_LOG_LIMITS: BatchLimits = { size: 500, maxBatches: 20 };

export interface OldLogsReport {
  removed: number;
  projects: number;
  batches: number;
  capped: boolean;
}

/**
 * Each project's execution logs older than its `log_retention_days` are deleted, oldest first.
 * The batch budget is shared by all projects (visited in id order), so a run's size does not
 * grow with the number of projects; a project not reached this run is reached by a later one.
 */
export async function deleteOldLogs(db: Database, now: Date, limits = OLD_LOG_LIMITS): Promise<OldLogsReport> {
  const due = await projectsWithLogsPastRetention(db, now, limits.maxBatches);
  let removed = 0;
  let batches = 0;
  for (const { projectId, cutoff } of due) {
    for (;;) {
      if (batches >= limits.maxBatches) return { removed, projects: due.length, batches, capped: true };
      const done = await deleteLogsBefore(db, projectId, cutoff, limits.size);
      removed += done;
      batches += 1;
      if (done < limits.size) break;
    }
  }
  // Every project found is done; as many were found as the query allowed, so others may be due.
  return { removed, projects: due.length, batches, capped: due.length === limits.maxBatches };
}
