/**
 * The one typed client of the API: what each screen reads (cached, reloaded and retried by
 * TanStack Query in one place) and what it changes. Components never call `fetch` themselves.
 */
import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, query } from './api';
import { follow, type Job } from './components/jobs';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: false },
  },
});

export interface Me {
  username: string;
  role: 'national-admin' | 'national-viewer' | 'coordinator';
  units: { id: string; name: string; kind: 'province' | 'agency' }[];
}
export interface Course {
  id: string;
  code: string;
  title: string;
  activityId: string;
  completion: {
    moveOn: 'Completed' | 'Passed' | 'CompletedAndPassed' | 'CompletedOrPassed';
    requiredActivities?: string[];
    exam?: { activityId: string; masteryScore: number };
  };
  certificates: { auto: boolean };
}
export interface Cohort {
  id: string;
  code: string;
  title: string;
  courseCode: string;
  provinceId: string;
  province: string;
  wave: string | null;
  startsOn: string | null;
  endsOn: string | null;
}
export interface Enrollment {
  id: string;
  cohortId: string;
  status: 'active' | 'deducted' | 'replaced';
  unit: string | null;
  deductionReason: string | null;
  deductedOn: string | null;
  replacedBy: string | null;
  replaces: string | null;
  milestones: Record<'activatedAt' | 'startedAt' | 'completedAt' | 'passedAt' | 'certifiedAt', string | null>;
  learner: { id: string; fullName: string; nationalId: string | null; account: { name: string } | null };
}
export interface FunnelRow {
  key: string;
  label: string;
  rank?: number;
  enrolled: number;
  deducted?: number;
  activated: number;
  started: number;
  completed: number;
  passed: number;
  certified: number;
  rates: Record<string, number>;
}
export interface FunnelReport {
  asOf: string;
  dataAsOf: string;
  rows: FunnelRow[];
  totals: Omit<FunnelRow, 'key' | 'label'>;
  coverage: { provinces: number; withCohorts: number; started: number };
}
export interface Certificate {
  number: number;
  code: string;
  state: 'pending' | 'issued' | 'revoked';
  enrollmentId: string;
  fullName: string;
  issuedAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}
export interface Statement {
  id: string;
  timestamp?: string;
  stored?: string;
  verb?: { id: string; display?: Record<string, string> };
  object?: { id?: string; definition?: { name?: Record<string, string> } };
  context?: { platform?: string };
  result?: { completion?: boolean; success?: boolean; score?: { scaled?: number } };
}
export interface Progress {
  enrollmentId: string;
  status: string;
  cohortCode: string;
  milestones: Record<string, { at: string; statementId: string }>;
  certifiedAt: string | null;
  statements: Statement[];
}
export interface User {
  id: string;
  username: string;
  role: Me['role'];
  provinces: string[];
  disabledAt: string | null;
}
export interface Platform {
  id: string;
  name: string;
  key: string;
  scopes: string[];
  courses: string[] | null;
  createdAt: string;
  disabledAt: string | null;
}
export interface TrainingRecord {
  id: string;
  unit: string;
  kind: 'self-organised' | 'platform';
  platform: string | null;
  title: string | null;
  date: string;
  participants: number;
  level: string | null;
}
export interface ReportPack {
  week: string;
  label: string;
  startsOn: string;
  endsOn: string;
  builtAt: string;
  xlsx: string;
  pdf: string;
}
export interface AuditEntry {
  id: number;
  at: string;
  user: string | null;
  action: string;
  entity: string;
  entityId: string;
  detail: unknown;
}
export interface Unit {
  id: string;
  name: string;
  kind: 'province' | 'agency';
}

/** A GET, cached under its path. */
export function useGet<T>(path: string | undefined) {
  return useQuery({
    queryKey: [path],
    queryFn: () => call<T>('GET', path!),
    enabled: !!path,
  });
}

export const useMe = () => useGet<Me>('/api/v1/me');
export const useCourses = () => useGet<Course[]>('/api/v1/courses');
export const useCohorts = () => useGet<Cohort[]>('/api/v1/cohorts');
export const useCohort = (id: string) => useGet<Cohort>(`/api/v1/cohorts/${id}`);
export const useEnrollments = (cohortId: string) =>
  useGet<Enrollment[]>(`/api/v1/cohorts/${cohortId}/enrollments`);
export const useCertificates = (cohortId: string) =>
  useGet<Certificate[]>(`/api/v1/certificates?${query({ cohortId })}`);
export const useProvinces = (era: 'current' | 'legacy' = 'current') =>
  useGet<Unit[]>(`/api/v1/provinces?era=${era}`);
export const useAgencies = () => useGet<Unit[]>('/api/v1/agencies');
export const useFunnel = (params: Record<string, string | undefined>, enabled = true) =>
  useGet<FunnelReport>(enabled ? `/api/v1/reports/funnel?${query(params)}` : undefined);

/**
 * A change: sends it, then reloads every cached read whose path starts with one of `refresh`
 * (or all of them), so each screen shows what the API now says.
 */
export function useChange<A>(send: (args: A) => Promise<unknown>, refresh?: string[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () =>
      client.invalidateQueries(
        refresh
          ? {
              predicate: (q) =>
                refresh.some((p) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith(p)),
            }
          : undefined,
      ),
  });
}

/** Starts a job (POST answering {jobId}) and follows it to its end. */
export async function runJob(path: string, body: unknown, onChange: (job: Job) => void): Promise<Job> {
  const { jobId } = await call<{ jobId: string }>('POST', path, body);
  return follow(jobId, onChange);
}
