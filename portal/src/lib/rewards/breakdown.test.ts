import { describe, expect, it } from 'vitest';
import { countedScores, droppedKinds, ownSheet, sheetRows, tiersDescending, unscored, weightedPreview } from './breakdown';

const CRITERIA = [
  { id: 'innovation', name: '创新性', nameEn: 'Innovation', weight: 0.3 },
  { id: 'feasibility', name: '可行性', nameEn: 'Feasibility', weight: 0.2 },
  { id: 'benefit', name: '效益', nameEn: 'Benefit', weight: 0.3 },
  { id: 'reach', name: '受益面', nameEn: null, weight: 0.2 },
];

const sheet = (name: string, [a, b, c, d]: number[]) =>
  CRITERIA.map((criterion, i) => ({ reviewerName: name, criterionId: criterion.id, score: [a, b, c, d][i]! }));

describe('the published sheets', () => {
  const review = {
    scores: [...sheet('李杰', [8, 9, 9, 8]), ...sheet('张刚', [7, 9, 8, 9]), ...sheet('陈敏', [6, 8, 7, 8])],
    reviewerResults: [
      { reviewerName: '物业经理 陈明', weightedScore: 8.6, dropped: true, comment: null },
      { reviewerName: '李杰', weightedScore: 8.5, dropped: false, comment: '冷藏格口很实用' },
      { reviewerName: '张刚', weightedScore: 8.1, dropped: false, comment: null },
      { reviewerName: '刘鹏', weightedScore: 8.1, dropped: false, comment: null },
      { reviewerName: '陈敏', weightedScore: 7.1, dropped: true, comment: null },
    ],
  };

  it('tell the dropped highest from the dropped lowest', () => {
    expect([...droppedKinds(review.reviewerResults)]).toEqual([
      ['物业经理 陈明', 'highest'],
      ['陈敏', 'lowest'],
    ]);
    expect(droppedKinds(review.reviewerResults.map((r) => ({ ...r, dropped: false }))).size).toBe(0);
  });

  it('give one row per reviewer with their scores by criterion, in the published order', () => {
    const rows = sheetRows(review);
    expect(rows.map((r) => r.name)).toEqual(['物业经理 陈明', '李杰', '张刚', '刘鹏', '陈敏']);
    expect(rows[1]).toEqual({
      name: '李杰',
      scores: { innovation: 8, feasibility: 9, benefit: 9, reach: 8 },
      weighted: 8.5,
      dropped: null,
      comment: '冷藏格口很实用',
    });
    expect(rows[0]!.scores).toEqual({});
    expect(rows[4]!.dropped).toBe('lowest');
  });

  it('count only the scores that make the mean', () => {
    expect(countedScores(sheetRows(review))).toEqual([8.5, 8.1, 8.1]);
  });

  it('keep a sheet that has scores but no published result (blind: one’s own)', () => {
    const rows = sheetRows({ scores: sheet('李杰', [6, 9, 8, 7]), reviewerResults: [] });
    expect(rows).toEqual([{ name: '李杰', scores: { innovation: 6, feasibility: 9, benefit: 8, reach: 7 }, weighted: null, dropped: null, comment: null }]);
  });
});

describe('the score form', () => {
  it('previews the weighted score exactly like the API, once every criterion is scored', () => {
    expect(weightedPreview(CRITERIA, { innovation: 6, feasibility: 9, benefit: 7, reach: 8 })).toBe(7.3);
    expect(weightedPreview(CRITERIA, { innovation: 10, feasibility: 10, benefit: 10, reach: 10 })).toBe(10);
    expect(weightedPreview(CRITERIA, { innovation: 6, feasibility: null, benefit: 7, reach: 8 })).toBeNull();
    const thirds = [
      { id: 'a', weight: 0.3333 },
      { id: 'b', weight: 0.3333 },
      { id: 'c', weight: 0.3334 },
    ];
    expect(weightedPreview(thirds, { a: 7, b: 8, c: 9 })).toBe(8);
  });

  it('lists what is still unscored, in rubric order', () => {
    expect(unscored(CRITERIA, { innovation: 5, feasibility: null, reach: 0 })).toEqual(['feasibility', 'benefit']);
    expect(unscored(CRITERIA, { innovation: 0, feasibility: 0, benefit: 0, reach: 0 })).toEqual([]);
  });

  it('starts from the reviewer’s own earlier sheet', () => {
    const review = { rubric: { criteria: CRITERIA }, scores: [...sheet('李杰', [6, 9, 8, 7]), ...sheet('张刚', [1, 1, 1, 1])] };
    expect(ownSheet(review, '李杰')).toEqual({ innovation: 6, feasibility: 9, benefit: 8, reach: 7 });
    expect(ownSheet(review, '陈明')).toEqual({ innovation: null, feasibility: null, benefit: null, reach: null });
  });

  it('reads the tier ladder from the top', () => {
    expect(tiersDescending([{ minScore: 4 }, { minScore: 8.5 }, { minScore: 7 }]).map((t) => t.minScore)).toEqual([8.5, 7, 4]);
  });
});
