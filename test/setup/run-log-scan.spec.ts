import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanRunLog, testPersonalData } from './run-log-scan';

describe('the scan of a whole run log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hocba-scan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("takes the test learners' literal values from the test sources, NFC and NFD", () => {
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src', 'a.e2e-spec.ts'),
      "const p = { fullName: 'Trần Thị Hoà', nationalId: '001203004567', email: 'hoa@x.vn', phone: '0912345678', fullName2: 'x' };",
    );
    const values = testPersonalData(join(dir, 'src'));
    expect(values).toEqual(
      expect.arrayContaining([
        'Trần Thị Hoà',
        'Trần Thị Hoà'.normalize('NFD'),
        '001203004567',
        'hoa@x.vn',
        '0912345678',
      ]),
    );
  });

  it('finds them, and CCCD-like numbers, but not uuids or timestamps', () => {
    mkdirSync(join(dir, 'logs'));
    writeFileSync(
      join(dir, 'logs', 'clean.log'),
      'job 0f8e4c1a-1b2c-4d5e-8f90-123456789012 done at 1764671234567\n',
    );
    expect(scanRunLog(join(dir, 'logs'), ['Trần Thị Hoà']).findings).toEqual([]);
    writeFileSync(join(dir, 'logs', 'leak.log'), 'imported Trần Thị Hoà, CCCD 079188002233\n');
    expect(scanRunLog(join(dir, 'logs'), ['Trần Thị Hoà']).findings).toEqual([
      'leak.log: a test learner\'s value "Trầ…"',
      'leak.log: a CCCD-like number 079… in: imported Trần Thị Hoà, CCCD ############',
    ]);
  });
});
