import type { Enrollment } from './client';

/**
 * One status per seat, the furthest it has reached: a replaced or deducted seat says so first;
 * then certified, passed, completed; "learning" once activated or started; else not activated.
 */
export type LearnerStatus =
  'not-activated' | 'learning' | 'completed' | 'passed' | 'certified' | 'deducted' | 'replaced';

export const STATUS_ORDER: LearnerStatus[] = [
  'not-activated',
  'learning',
  'completed',
  'passed',
  'certified',
  'deducted',
  'replaced',
];

export function learnerStatus(e: Pick<Enrollment, 'status' | 'milestones'>): LearnerStatus {
  if (e.status === 'replaced') return 'replaced';
  if (e.status === 'deducted') return 'deducted';
  const m = e.milestones;
  if (m.certifiedAt) return 'certified';
  if (m.passedAt) return 'passed';
  if (m.completedAt) return 'completed';
  if (m.activatedAt || m.startedAt) return 'learning';
  return 'not-activated';
}
