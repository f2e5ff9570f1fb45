import { execSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { writeFile } from 'node:fs/promises';

export interface Job {
  id: string;
  repository: string;
  output: string;
}

/** Archives a repository snapshot for each job, one job after another. */
export async function runJob(job: Job): Promise<void> {
  // Waits for git to finish while every other job and timer in this process stands still.
  const log = execSync(`git -C ${job.repository} log --oneline -n 1000`);
  // Compressing megabytes on the main thread blocks just as long.
  const archive = gzipSync(log);
  await writeFile(job.output, archive);
}

/** Waits before retrying a failed job. */
export async function backoff(ms: number): Promise<void> {
  const until = Date.now() + ms;
  // A busy wait: the loop spins on the clock and nothing else runs meanwhile.
  while (Date.now() < until) {
    // spin
  }
}
