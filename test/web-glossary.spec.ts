import { words } from '../apps/web/src/i18n';
import { LABELS, rateLabel, type LabelKey } from '@hocba/spreadsheets';

/**
 * Issue 21, "one glossary": a figure a screen shows and the same figure in an export (CSV, XLSX,
 * the weekly pack) go by one name. The web app cannot import the exports' glossary itself (the
 * lib's index brings exceljs and the xAPI code into the browser's bundle, and a deep import
 * breaks the rule that libs are imported through their index), so its catalogue keeps its own
 * copy of the words, held equal to the exports' here.
 */
describe('the web app’s words and the exports’ glossary', () => {
  const vi = words('vi');

  it('names each figure the exports name with the exports’ words', () => {
    const same: [string, string, LabelKey][] = [
      ['rank', vi.rank, 'rank'],
      ['total', vi.total, 'total'],
      ['province', vi.province, 'province'],
      ['cohort', vi.cohort, 'cohort'],
      ['course', vi.course, 'course'],
      ['unit', vi.unit, 'unit'],
      ['learners', vi.learners, 'learners'],
      ['enrolled', vi.enrolled, 'enrolled'],
      ['deduct', vi.deduct, 'deducted'],
      ['activated', vi.activated, 'activated'],
      ['started', vi.started, 'started'],
      ['completed', vi.completed, 'completed'],
      ['passed', vi.passed, 'passed'],
      ['certified', vi.certified, 'certified'],
      ['milestoneNames.passed', vi.milestoneNames.passed, 'passed'],
      ['milestoneNames.certified', vi.milestoneNames.certified, 'certified'],
      ['moveOns.Passed', vi.moveOns.Passed, 'passed'],
      ['certificateNumber', vi.certificateNumber, 'certificateNumber'],
      ['certificateCode', vi.certificateCode, 'verificationCode'],
      ['issuedAt', vi.issuedAt, 'issuedOn'],
      ['state', vi.state, 'state'],
      ['reason', vi.reason, 'reason'],
      ['kinds.self-organised', vi.kinds['self-organised'], 'selfOrganised'],
      ['kinds.platform', vi.kinds.platform, 'onPlatform'],
    ];
    expect(same.map(([key, screen]) => [key, screen])).toEqual(
      same.map(([key, , label]) => [key, LABELS[label]]),
    );
  });

  it('writes a rate as the exports do: "Tỷ lệ hoàn thành"', () => {
    // The funnel tables write their rate column as the rate word, then the milestone in lower case.
    expect(`${vi.rate} ${vi.completed.toLowerCase()}`).toBe(rateLabel('completed'));
  });

  it('uses the words of the glossary inside longer labels too (no "Đạt" alone, no "chứng nhận" without "giấy")', () => {
    const all: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') all.push(value);
      else if (typeof value === 'function')
        all.push(String((value as (...a: unknown[]) => unknown)(1, 1, 1, 1, true)));
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(vi);
    expect(all.filter((s) => /chứng nhận/i.test(s) && !/giấy chứng nhận/i.test(s))).toEqual([]);
    // The exports' spelling: Tỷ lệ, Khóa học (as in Khánh Hòa), bài kiểm tra.
    expect(all.filter((s) => /tỉ lệ|khoá|bài thi/i.test(s))).toEqual([]);
    expect(all.filter((s) => /^đạt$/i.test(s))).toEqual([]);
  });
});
