import { describe, expect, it } from 'vitest';
import { draftOf, inputOf, sectionOf, validate, weightSum, type Settings } from './settings-form';

const SETTINGS: Settings = {
  supportThreshold: 20,
  sla: {
    returnVisitHours: 48,
    urgeIntervalHours: 24,
    reopenWindowDays: 7,
    targets: [
      { urgency: 'URGENT', responseMinutes: 15, solutionMinutes: 120, resolutionMinutes: 480 },
      { urgency: 'HIGH', responseMinutes: 60, solutionMinutes: 480, resolutionMinutes: 1440 },
      { urgency: 'NORMAL', responseMinutes: 240, solutionMinutes: 1440, resolutionMinutes: 4320 },
      { urgency: 'LOW', responseMinutes: 1440, solutionMinutes: 4320, resolutionMinutes: 10080 },
    ],
  },
  reviews: {
    budgetPerQuarter: 5000,
    noticePeriodHours: 168,
    scoringWindowHours: 168,
    minReviewers: 3,
    rubric: [
      { id: 'innovation', name: '创新性 Innovation', weight: '0.3' },
      { id: 'feasibility', name: '可行性 Feasibility', weight: '0.2' },
      { id: 'benefit', name: '效益 Benefit', weight: '0.3' },
      { id: 'reach', name: '受益面 Reach', weight: '0.2' },
    ],
    tiers: [
      { name: '一等奖', minScore: '8.5', points: 1000 },
      { name: '二等奖', minScore: '7', points: 600 },
    ],
  },
};

describe('the admin settings form', () => {
  it('starts from the saved settings, which pass', () => {
    const draft = draftOf(SETTINGS);
    expect(draft.sla.HIGH.solutionMinutes).toBe('480');
    expect(validate(draft)).toEqual({});
    expect(weightSum(draft.rubric)).toBe(10_000);
  });

  it('sends every section as numbers and trimmed text', () => {
    const draft = draftOf(SETTINGS);
    draft.rubric[0]!.name = '  创新性  ';
    const input = inputOf(draft);
    expect(input.supportThreshold).toBe(20);
    expect(input.sla!.targets).toHaveLength(4);
    expect(input.sla!.targets[0]).toEqual({ urgency: 'URGENT', responseMinutes: 15, solutionMinutes: 120, resolutionMinutes: 480 });
    expect(input.rubric![0]).toEqual({ id: 'innovation', name: '创新性', weight: '0.3' });
    expect(input.tiers![1]).toEqual({ name: '二等奖', minScore: '7', points: 600 });
    expect(input.noticePeriodHours).toBe(168);
  });

  it('wants weights that add up to exactly 1, each a positive decimal', () => {
    const draft = draftOf(SETTINGS);
    draft.rubric[0]!.weight = '0.25';
    expect(validate(draft)).toEqual({ rubric: 'weightSum' });
    draft.rubric[0]!.weight = 'abc';
    expect(validate(draft)).toEqual({ 'rubric.0.weight': 'weight' });
    draft.rubric[0]!.weight = '0.30001';
    expect(validate(draft)['rubric.0.weight']).toBe('weight');
    const thirds = draftOf({ ...SETTINGS, reviews: { ...SETTINGS.reviews, rubric: [
      { id: 'a', name: 'A', weight: '0.3333' }, { id: 'b', name: 'B', weight: '0.3333' }, { id: 'c', name: 'C', weight: '0.3334' },
    ] } });
    expect(validate(thirds)).toEqual({});
  });

  it('checks criterion keys, names, tiers and the limits per field', () => {
    const draft = draftOf(SETTINGS);
    draft.rubric[1]!.id = 'Innovation!';
    draft.rubric[2]!.id = 'innovation';
    draft.rubric[3]!.name = ' ';
    draft.tiers[1]!.minScore = '8.50';
    draft.tiers[0]!.points = '-5';
    draft.supportThreshold = '1.5';
    draft.noticePeriodHours = '2000';
    draft.minReviewers = '2';
    expect(validate(draft)).toEqual({
      'rubric.1.id': 'criterionId',
      'rubric.2.id': 'criterionIdTwice',
      'rubric.3.name': 'required',
      'tiers.1.minScore': 'minScoreTwice',
      'tiers.0.points': 'points',
      supportThreshold: 'wholeNumber',
      noticePeriodHours: 'range',
      minReviewers: 'range',
    });
  });

  it('keeps promised times in order: response ≤ solution ≤ resolution, and more urgent answers no slower', () => {
    const draft = draftOf(SETTINGS);
    draft.sla.NORMAL.solutionMinutes = '100';
    expect(validate(draft)).toEqual({ 'sla.NORMAL': 'slaOrder' });
    const escalation = draftOf(SETTINGS);
    escalation.sla.HIGH.responseMinutes = '10';
    expect(validate(escalation)).toEqual({ 'sla.HIGH': 'slaEscalation' });
    const empty = draftOf(SETTINGS);
    empty.sla.LOW.resolutionMinutes = '';
    expect(validate(empty)).toEqual({ 'sla.LOW.resolutionMinutes': 'wholeNumber' });
    empty.returnVisitHours = '0';
    expect(validate(empty).returnVisitHours).toBe('range');
    // 催办 at most hourly to monthly; reopening 0 (off) to 90 days.
    const loop = draftOf(SETTINGS);
    loop.urgeIntervalHours = '0';
    loop.reopenWindowDays = '91';
    expect(validate(loop)).toEqual({ urgeIntervalHours: 'range', reopenWindowDays: 'range' });
    loop.urgeIntervalHours = '720';
    loop.reopenWindowDays = '0';
    expect(validate(loop)).toEqual({});
    expect(inputOf(loop).sla).toMatchObject({ urgeIntervalHours: 720, reopenWindowDays: 0 });
    expect(sectionOf('reopenWindowDays')).toBe('sla');
  });

  it('places the server’s field in its section', () => {
    expect(sectionOf('rubric')).toBe('rubric');
    expect(sectionOf('sla.targets')).toBe('sla');
    expect(sectionOf('noticePeriodHours')).toBe('limits');
    expect(sectionOf('supportThreshold')).toBe('proposals');
    expect(sectionOf('tiers')).toBe('tiers');
    expect(sectionOf(null)).toBeNull();
  });
});
