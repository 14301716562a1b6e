import { parseLearner } from './learner-input';

describe('parseLearner', () => {
  it('keeps the name and unit as written, in NFC, when they arrive decomposed (NFD)', () => {
    const { learner, errors } = parseLearner(
      {
        fullName: ' Nguyễn Thị Hằng '.normalize('NFD'),
        nationalId: '001203004567',
        unit: 'Công an xã Tân Mộc'.normalize('NFD'),
      },
      1,
    );
    expect(errors).toEqual([]);
    expect(learner!.fullName).toBe('Nguyễn Thị Hằng');
    expect(learner!.unit).toBe('Công an xã Tân Mộc');
  });
});
