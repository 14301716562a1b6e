import { nameKey, nfc } from '@hocba/units';

export interface LearnerInput {
  fullName: string;
  nameKey: string;
  nationalId?: string;
  email?: string;
  phone?: string;
  account?: { homePage: string; name: string };
  unit?: string;
  level?: 'tinh' | 'huyen' | 'xa';
  sector?: 'cong-an' | 'cbccvc' | 'khac';
  /** The enrollment's cmi5 registration, when the platform gives one. */
  registration?: string;
}

export interface RowError {
  row: number;
  field: string;
  message: string;
}

const FIELDS = new Set([
  'fullName',
  'nationalId',
  'email',
  'phone',
  'account',
  'unit',
  'level',
  'sector',
  'registration',
]);

const optionalString = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/**
 * Names and units as typed, in NFC: the decomposed form (NFD) looks the same, but the learner's
 * name would then be stored, returned and printed in two byte forms. This is the one place a
 * learner row (JSON enrollment, file import, replacement) is read.
 */
const optionalText = (v: unknown): string | undefined => nfc(optionalString(v));

/**
 * Checks one learner row; returns the learner or the errors, each naming the field and the rule.
 * A learner must be identifiable across cohorts: by CCCD (nationalId) or by platform account.
 */
export function parseLearner(
  raw: Record<string, unknown>,
  row: number,
): { learner?: LearnerInput; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: string, message: string) => errors.push({ row, field, message });
  for (const key of Object.keys(raw)) if (!FIELDS.has(key)) fail(key, `${key} is not a learner field`);

  const fullName = typeof raw.fullName === 'string' ? nfc(raw.fullName).trim() : '';
  if (fullName === '') fail('fullName', 'fullName is required');
  else if (fullName.length > 200) fail('fullName', 'fullName must be at most 200 characters');

  const nationalId = optionalString(raw.nationalId);
  if (raw.nationalId !== undefined && (nationalId === undefined || !/^\d{12}$/.test(nationalId)))
    fail('nationalId', 'nationalId (CCCD) must be 12 digits');

  const email = optionalString(raw.email);
  if (raw.email !== undefined && (email === undefined || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
    fail('email', 'email must be an e-mail address');

  const phoneRaw = optionalString(raw.phone);
  const phone = phoneRaw?.replace(/[\s.-]/g, '');
  if (raw.phone !== undefined && (phone === undefined || !/^(\+84|0)\d{9,10}$/.test(phone)))
    fail('phone', 'phone must be a Vietnamese phone number (0 or +84 and 9 to 10 digits)');

  let account: LearnerInput['account'];
  if (raw.account !== undefined) {
    const a = raw.account as Record<string, unknown> | null;
    const homePage = typeof a?.homePage === 'string' ? a.homePage.trim() : '';
    const name = typeof a?.name === 'string' ? a.name.trim() : '';
    if (!/^https?:\/\/\S+$/.test(homePage))
      fail('account.homePage', 'account.homePage must be the platform URL (http or https)');
    if (name === '') fail('account.name', 'account.name is required with account');
    account = { homePage, name };
  }
  if (nationalId === undefined && raw.account === undefined)
    fail('nationalId', 'nationalId or account is required to recognise the learner across cohorts');

  const level = raw.level;
  if (level !== undefined && level !== 'tinh' && level !== 'huyen' && level !== 'xa')
    fail('level', 'level must be tinh, huyen or xa');
  const sector = raw.sector;
  if (sector !== undefined && sector !== 'cong-an' && sector !== 'cbccvc' && sector !== 'khac')
    fail('sector', 'sector must be cong-an, cbccvc or khac');
  const unit = optionalText(raw.unit);
  if (unit !== undefined && unit.length > 300) fail('unit', 'unit must be at most 300 characters');
  const registration = optionalString(raw.registration)?.toLowerCase();
  if (
    raw.registration !== undefined &&
    (registration === undefined ||
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(registration))
  )
    fail('registration', 'registration must be a UUID (the cmi5 registration of this enrollment)');

  if (errors.length > 0) return { errors };
  return {
    errors,
    learner: {
      fullName,
      nameKey: nameKey(fullName),
      nationalId,
      email: email?.toLowerCase(),
      phone,
      account,
      unit,
      level: level as LearnerInput['level'],
      sector: sector as LearnerInput['sector'],
      registration,
    },
  };
}
