import { describe, expect, it } from 'vitest';
import { draftOf, inputOf, LIMITS, nameProblem, problemText, sectionOf, spanOf, spanRange, validate, weightSum, type Settings } from './settings-form';

const SETTINGS: Settings = {
  supportThreshold: 20,
  sla: {
    returnVisitHours: 48,
    urgeIntervalHours: 24,
    reopenWindowDays: 7,
    targets: [
      { urgency: 'URGENT', responseMinutes: 15, solutionMinutes: 120, resolutionMinutes: 480, countsWorkingTimeOnly: false, updateCadenceMinutes: 60 },
      { urgency: 'HIGH', responseMinutes: 60, solutionMinutes: 480, resolutionMinutes: 1440, countsWorkingTimeOnly: false, updateCadenceMinutes: null },
      { urgency: 'NORMAL', responseMinutes: 240, solutionMinutes: 1440, resolutionMinutes: 4320, countsWorkingTimeOnly: true, updateCadenceMinutes: 1440 },
      { urgency: 'LOW', responseMinutes: 1440, solutionMinutes: 4320, resolutionMinutes: 10080, countsWorkingTimeOnly: true, updateCadenceMinutes: null },
    ],
  },
  reviews: {
    budgetPerQuarter: 5000,
    noticePeriodHours: 168,
    scoringWindowHours: 168,
    minReviewers: 3,
    rubric: [
      { id: 'innovation', name: '创新性', nameEn: 'Innovation', weight: '0.3' },
      { id: 'feasibility', name: '可行性', nameEn: 'Feasibility', weight: '0.2' },
      { id: 'benefit', name: '效益', nameEn: 'Benefit', weight: '0.3' },
      { id: 'reach', name: '受益面', nameEn: null, weight: '0.2' },
    ],
    tiers: [
      { name: '一等奖', nameEn: 'First prize', minScore: '8.5', points: 1000 },
      { name: '二等奖', nameEn: null, minScore: '7', points: 600 },
    ],
  },
  attachments: { keepOriginals: false, repairResolutionNeedsPhoto: true },
  workingHours: [],
};

describe('the admin settings form', () => {
  it('carries the photo rules to the input as switched, and places their server problems in their section', () => {
    const draft = draftOf(SETTINGS);
    expect(draft.attachments).toEqual({ keepOriginals: false, repairResolutionNeedsPhoto: true });
    draft.attachments.keepOriginals = true;
    expect(inputOf(draft).attachments).toEqual({ keepOriginals: true, repairResolutionNeedsPhoto: true });
    expect(sectionOf('attachments.keepOriginals')).toBe('attachments');
  });

  it('starts from the saved settings, which pass', () => {
    const draft = draftOf(SETTINGS);
    expect(draft.sla.HIGH.solutionMinutes).toEqual({ amount: '8', unit: 'hours' });
    expect(validate(draft)).toEqual({});
    expect(weightSum(draft.rubric)).toBe(10_000);
  });

  it('sends every section as numbers and trimmed text', () => {
    const draft = draftOf(SETTINGS);
    draft.rubric[0]!.name = '  创新性  ';
    const input = inputOf(draft);
    expect(input.supportThreshold).toBe(20);
    expect(input.sla!.targets).toHaveLength(4);
    expect(input.sla!.targets[0]).toEqual({
      urgency: 'URGENT',
      responseMinutes: 15,
      solutionMinutes: 120,
      resolutionMinutes: 480,
      countsWorkingTimeOnly: false,
      updateCadenceMinutes: 60,
    });
    expect(input.rubric![0]).toEqual({ id: 'innovation', name: '创新性', nameEn: 'Innovation', weight: '0.3' });
    expect(input.tiers![1]).toEqual({ name: '二等奖', nameEn: null, minScore: '7', points: 600 });
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
    const thirds = draftOf({
      ...SETTINGS,
      reviews: {
        ...SETTINGS.reviews,
        rubric: [
          { id: 'a', name: 'A', nameEn: null, weight: '0.3333' },
          { id: 'b', name: 'B', nameEn: null, weight: '0.3333' },
          { id: 'c', name: 'C', nameEn: null, weight: '0.3334' },
        ],
      },
    });
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

  it('keeps the English name optional and edits both languages', () => {
    const draft = draftOf(SETTINGS);
    expect(draft.rubric[3]).toEqual({ id: 'reach', name: '受益面', nameEn: '', weight: '0.2' });
    expect(draft.tiers[0]).toMatchObject({ name: '一等奖', nameEn: 'First prize' });
    draft.rubric[3]!.nameEn = '  Reach  ';
    draft.tiers[0]!.nameEn = '   ';
    expect(validate(draft)).toEqual({});
    const input = inputOf(draft);
    expect(input.rubric![3]).toMatchObject({ name: '受益面', nameEn: 'Reach' });
    // An emptied English box clears the English on the server (null), it does not keep the old one.
    expect(input.tiers![0]).toMatchObject({ name: '一等奖', nameEn: null });
  });

  it('refuses what the API refuses in a name, by field', () => {
    const draft = draftOf(SETTINGS);
    draft.rubric[0]!.name = '创新\u0000性';
    draft.rubric[1]!.nameEn = 'Feasi\nbility';
    draft.rubric[2]!.name = '效'.repeat(41);
    draft.rubric[3]!.nameEn = 'x'.repeat(10_000);
    draft.tiers[1]!.name = ' 一等奖 ';
    draft.tiers[0]!.nameEn = '\u202Eezirp';
    expect(validate(draft)).toEqual({
      'rubric.0.name': 'controlCharacter',
      'rubric.1.nameEn': 'controlCharacter',
      'rubric.2.name': 'tooLong',
      'rubric.3.nameEn': 'tooLong',
      'tiers.0.nameEn': 'controlCharacter',
      'tiers.1.name': 'nameTwice',
    });
    expect(problemText('tooLong', [0, 40])).toBe('最多 40 个字。');
  });

  it('counts a name in characters, not UTF-16 units', () => {
    expect(nameProblem('𠮷'.repeat(40), 'name')).toBeNull();
    expect(nameProblem('𠮷'.repeat(41), 'name')).toBe('tooLong');
    expect(nameProblem('🏆 金奖', 'name')).toBeNull();
    expect(nameProblem('', 'nameEn')).toBeNull();
    expect(nameProblem(' ', 'name')).toBe('required');
  });

  it('allows at most ten tiers', () => {
    const draft = draftOf(SETTINGS);
    draft.tiers = Array.from({ length: 11 }, (_, i) => ({ name: `第${i}等`, nameEn: '', minScore: String(i * 0.5), points: '1' }));
    expect(validate(draft)).toEqual({ tiers: 'tiersCount' });
  });

  it('keeps promised times in order: response ≤ solution ≤ resolution, and more urgent answers no slower', () => {
    const draft = draftOf(SETTINGS);
    draft.sla.NORMAL.solutionMinutes = { amount: '100', unit: 'minutes' };
    expect(validate(draft)).toEqual({ 'sla.NORMAL': 'slaOrder' });
    const escalation = draftOf(SETTINGS);
    escalation.sla.HIGH.responseMinutes = { amount: '10', unit: 'minutes' };
    expect(validate(escalation)).toEqual({ 'sla.HIGH': 'slaEscalation' });
    const empty = draftOf(SETTINGS);
    empty.sla.LOW.resolutionMinutes = { amount: '', unit: 'days' };
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

  it('shows SLA durations in their largest whole unit and sends minutes (7 days, not 10080)', () => {
    const draft = draftOf(SETTINGS);
    expect(draft.sla.LOW.resolutionMinutes).toEqual({ amount: '7', unit: 'days' });
    expect(draft.sla.URGENT.responseMinutes).toEqual({ amount: '15', unit: 'minutes' });
    expect(draft.sla.NORMAL.responseMinutes).toEqual({ amount: '4', unit: 'hours' });
    expect(spanOf(90)).toEqual({ amount: '90', unit: 'minutes' });
    draft.sla.LOW.resolutionMinutes = { amount: '10', unit: 'days' };
    draft.sla.NORMAL.resolutionMinutes = { amount: '80', unit: 'hours' };
    const targets = inputOf(draft).sla!.targets;
    expect(targets.find((t) => t.urgency === 'LOW')?.resolutionMinutes).toBe(14_400);
    expect(targets.find((t) => t.urgency === 'NORMAL')?.resolutionMinutes).toBe(4_800);
    // The range is said in the unit chosen: at most 90 days, 2160 hours.
    draft.sla.LOW.resolutionMinutes = { amount: '91', unit: 'days' };
    expect(validate(draft)['sla.LOW.resolutionMinutes']).toBe('range');
    expect(spanRange(LIMITS.slaMinutes, 'days')).toEqual([1, 90]);
    expect(spanRange(LIMITS.slaMinutes, 'hours')).toEqual([1, 2160]);
  });

  it('carries the working-time switch and the update cadence per urgency; an empty cadence is none', () => {
    const draft = draftOf(SETTINGS);
    expect(draft.workingTimeOnly).toEqual({ URGENT: false, HIGH: false, NORMAL: true, LOW: true });
    expect(draft.cadence.NORMAL).toEqual({ amount: '1', unit: 'days' });
    expect(draft.cadence.HIGH.amount).toBe('');
    draft.workingTimeOnly.URGENT = true;
    draft.cadence.NORMAL = { amount: '', unit: 'days' };
    draft.cadence.LOW = { amount: '3', unit: 'days' };
    const targets = inputOf(draft).sla!.targets;
    expect(targets.map((t) => [t.urgency, t.countsWorkingTimeOnly, t.updateCadenceMinutes])).toEqual([
      ['URGENT', true, 60],
      ['HIGH', false, null],
      ['NORMAL', true, null],
      ['LOW', true, 4320],
    ]);
    draft.cadence.HIGH = { amount: '10', unit: 'minutes' };
    expect(validate(draft)).toEqual({ 'sla.HIGH.updateCadenceMinutes': 'range' });
    draft.cadence.HIGH = { amount: '2.5', unit: 'hours' };
    expect(validate(draft)).toEqual({ 'sla.HIGH.updateCadenceMinutes': 'wholeNumber' });
  });

  it('places the server’s field in its section', () => {
    expect(sectionOf('rubric')).toBe('rubric');
    expect(sectionOf('sla.targets')).toBe('sla');
    expect(sectionOf('noticePeriodHours')).toBe('limits');
    expect(sectionOf('supportThreshold')).toBe('proposals');
    expect(sectionOf('tiers')).toBe('tiers');
    expect(sectionOf('rubric[2].nameEn')).toBe('rubric');
    expect(sectionOf('tiers[0].name')).toBe('tiers');
    expect(sectionOf(null)).toBeNull();
  });
});
