import { call } from '../api';

export interface Job {
  id: string;
  state: 'queued' | 'active' | 'completed' | 'failed';
  progress: number;
  result?: Record<string, unknown> & {
    created?: number;
    updated?: number;
    errors?: { row: number; field: string; message: string }[];
    /** Rows applied, but a field of an existing learner not changed (they study in another province). */
    notices?: { row: number; field: string; message: string }[];
  };
  error?: string;
}

/** Follows a job until it ends, telling each state on the way. */
export async function follow(jobId: string, onChange: (job: Job) => void): Promise<Job> {
  for (;;) {
    const job = await call<Job>('GET', `/api/v1/jobs/${jobId}`);
    onChange(job);
    if (job.state === 'completed' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 400));
  }
}
