/**
 * The words of every export (CSV, XLSX, the weekly pack): one label per concept, in sentence case,
 * so a file and a report never call one figure by two names. The web app's catalogue is to use
 * the same words (issue 21): Ghi danh for an enrollment, Đạt bài kiểm tra for the exam, Tỷ lệ for
 * a rate. Plain data, no imports: anything may read it.
 */
export const LABELS = {
  rank: 'Hạng',
  total: 'Tổng cộng',
  province: 'Tỉnh/Thành phố',
  cohort: 'Lớp',
  course: 'Khóa học',
  level: 'Cấp',
  sector: 'Lĩnh vực',
  unit: 'Đơn vị',
  agency: 'Bộ, ngành, cơ quan',

  enrolled: 'Ghi danh (lượt)',
  learners: 'Học viên',
  deducted: 'Giảm trừ',
  activated: 'Kích hoạt',
  started: 'Bắt đầu học',
  completed: 'Hoàn thành',
  passed: 'Đạt bài kiểm tra',
  certified: 'Được cấp giấy chứng nhận',

  fullName: 'Họ và tên',
  account: 'Tài khoản',
  email: 'Email',
  phone: 'Số điện thoại',

  certificateNumber: 'Số giấy chứng nhận',
  issuedOn: 'Ngày cấp',
  state: 'Trạng thái',
  verificationCode: 'Mã xác thực',
  revokeReason: 'Lý do thu hồi',

  selfOrganised: 'Tự tổ chức',
  onPlatform: 'Trên nền tảng',
  trainedTotal: 'Tổng số',
  reason: 'Lý do',
} as const;

export type LabelKey = keyof typeof LABELS;

/** A label inside a sentence: the first letter lower case, the rest as written (no "gcn"). */
const inSentence = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

/** "Tỷ lệ hoàn thành": the rate of a milestone (milestone / Ghi danh). */
export function rateLabel(key: LabelKey): string {
  return `Tỷ lệ ${inSentence(LABELS[key])}`;
}

/** "Tỷ lệ hoàn thành sau giảm trừ": the same rate with deducted seats left out. */
export function adjustedRateLabel(key: LabelKey): string {
  return `${rateLabel(key)} sau giảm trừ`;
}
