/**
 * A CCCD as records that outlive the request show it (the audit log and its exports): the last
 * three digits, enough for an administrator to tell two people apart in front of the papers, not
 * enough to read back the number. The first six digits (province, sex and century, birth year)
 * are masked too: with them the last digits would narrow the number to a few hundred.
 */
export function maskNationalId(nationalId: string): string {
  return nationalId.length <= 3
    ? '*'.repeat(nationalId.length)
    : `${'*'.repeat(nationalId.length - 3)}${nationalId.slice(-3)}`;
}
