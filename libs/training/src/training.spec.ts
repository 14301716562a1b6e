import { rankByTotal } from './training.service';

describe('rankByTotal', () => {
  it('ranks the largest first and lets equal totals share a place, the next place skipping', () => {
    const ranked = rankByTotal([
      { label: 'Lạng Sơn', total: 1500 },
      { label: 'Bắc Kạn', total: 200 },
      { label: 'Hưng Yên', total: 1500 },
      { label: 'Hồ Chí Minh', total: 3000 },
      { label: 'An Giang', total: 0 },
    ]);
    expect(ranked.map((r) => [r.rank, r.label])).toEqual([
      [1, 'Hồ Chí Minh'],
      [2, 'Hưng Yên'],
      [2, 'Lạng Sơn'],
      [4, 'Bắc Kạn'],
      [5, 'An Giang'],
    ]);
  });
});
