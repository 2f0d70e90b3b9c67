import { isKnownKind, type Language, type NoticeKind } from './notification.rules.js';

/**
 * What a message outside the portal says, in the reader's language. A ticket is named by its
 * number only (its title may carry someone's name or phone); proposals and reviews, public on the
 * board, by number and title. Short enough for one SMS with its link (70 characters in Chinese).
 */
const WORDS: Record<NoticeKind, Record<Language, (ref: string) => string>> = {
  TICKET_OPENED: { 'zh-CN': (r) => `新工单${r}待受理`, en: (r) => `New ticket ${r} to take in` },
  TICKET_RECORDED_FOR_YOU: { 'zh-CN': (r) => `客服已为您登记工单${r}`, en: (r) => `Customer service filed ticket ${r} for you` },
  TICKET_ANSWERED: { 'zh-CN': (r) => `工单${r}已答复`, en: (r) => `Ticket ${r} was answered` },
  TICKET_DISPATCHED: { 'zh-CN': (r) => `工单${r}已派至本部门`, en: (r) => `Ticket ${r} was dispatched to your department` },
  TICKET_REDISPATCHED: { 'zh-CN': (r) => `工单${r}已转至本部门`, en: (r) => `Ticket ${r} was passed to your department` },
  TICKET_ACCEPTED_FOR_INVESTIGATION: { 'zh-CN': (r) => `工单${r}已受理，正在调查`, en: (r) => `Ticket ${r} is being investigated` },
  TICKET_OWNER_MESSAGE: { 'zh-CN': (r) => `业主在工单${r}留言`, en: (r) => `The owner wrote on ticket ${r}` },
  TICKET_UPDATE: { 'zh-CN': (r) => `工单${r}有新进展`, en: (r) => `News on ticket ${r}` },
  TICKET_SOLUTION_PROPOSED: { 'zh-CN': (r) => `工单${r}有解决方案待您确认`, en: (r) => `Ticket ${r}: a solution awaits your answer` },
  TICKET_SOLUTION_ACCEPTED: { 'zh-CN': (r) => `业主已接受工单${r}的方案`, en: (r) => `The owner accepted the solution for ticket ${r}` },
  TICKET_SOLUTION_REJECTED: { 'zh-CN': (r) => `业主未接受工单${r}的方案`, en: (r) => `The owner rejected the solution for ticket ${r}` },
  TICKET_RESOLVED: { 'zh-CN': (r) => `工单${r}已处理完成，请评价`, en: (r) => `Ticket ${r} is resolved: please rate it` },
  TICKET_RATED: { 'zh-CN': (r) => `工单${r}已回访评价`, en: (r) => `Ticket ${r} was rated` },
  TICKET_ESCALATED_TO_HEAD: { 'zh-CN': (r) => `工单${r}已超时，升级至部门负责人`, en: (r) => `Ticket ${r} is overdue: escalated to the head` },
  TICKET_ESCALATED_TO_MANAGEMENT: { 'zh-CN': (r) => `工单${r}严重超时，升级至管理层`, en: (r) => `Ticket ${r} is long overdue: escalated to management` },
  TICKET_CANCELLED: { 'zh-CN': (r) => `工单${r}已被业主撤销`, en: (r) => `Ticket ${r} was cancelled by the owner` },
  TICKET_URGED: { 'zh-CN': (r) => `业主催办工单${r}`, en: (r) => `The owner is chasing ticket ${r}` },
  TICKET_REOPENED: { 'zh-CN': (r) => `工单${r}已重新打开`, en: (r) => `Ticket ${r} was reopened` },
  TICKET_FOLLOW_UP: { 'zh-CN': (r) => `工单${r}回访不满意，需跟进`, en: (r) => `Ticket ${r} needs a follow-up` },
  TICKET_FOLLOWED_UP: { 'zh-CN': (r) => `物业经理已跟进工单${r}`, en: (r) => `The manager followed up ticket ${r}` },
  TICKET_ASSIGNED: { 'zh-CN': (r) => `工单${r}已派给您`, en: (r) => `Ticket ${r} is assigned to you` },
  TICKET_UNASSIGNED: { 'zh-CN': (r) => `工单${r}已改派他人`, en: (r) => `Ticket ${r} was reassigned` },
  TICKET_ME_TOO: { 'zh-CN': (r) => `又有邻居同报工单${r}`, en: (r) => `Another neighbour reported ticket ${r} too` },
  TICKET_ME_TOO_RESOLVED: { 'zh-CN': (r) => `您同报的工单${r}已处理完成`, en: (r) => `Ticket ${r} you reported too is resolved` },
  TICKET_CLOSED: { 'zh-CN': (r) => `您同报的工单${r}已办结`, en: (r) => `Ticket ${r} you reported too is closed` },
  PROPOSAL_COMMENTED: { 'zh-CN': (r) => `您的提案有新评论：${r}`, en: (r) => `New comment on your proposal: ${r}` },
  PROPOSAL_MERGED: { 'zh-CN': (r) => `您的提案已合并至${r}`, en: (r) => `Your proposal was merged into ${r}` },
  PROPOSAL_OPEN: { 'zh-CN': (r) => `提案开放征集支持：${r}`, en: (r) => `Proposal open for support: ${r}` },
  PROPOSAL_UNDER_REVIEW: { 'zh-CN': (r) => `提案进入评审：${r}`, en: (r) => `Proposal under review: ${r}` },
  PROPOSAL_ACCEPTED: { 'zh-CN': (r) => `提案已采纳：${r}`, en: (r) => `Proposal accepted: ${r}` },
  PROPOSAL_DECLINED: { 'zh-CN': (r) => `提案未采纳：${r}`, en: (r) => `Proposal declined: ${r}` },
  PROPOSAL_IN_PROGRESS: { 'zh-CN': (r) => `提案实施中：${r}`, en: (r) => `Proposal in progress: ${r}` },
  PROPOSAL_IMPLEMENTED: { 'zh-CN': (r) => `提案已实施：${r}`, en: (r) => `Proposal carried out: ${r}` },
  PROPOSAL_REWARDED: { 'zh-CN': (r) => `提案已奖励：${r}`, en: (r) => `Proposal rewarded: ${r}` },
  DECISION_OPENED: { 'zh-CN': (r) => `业主共同决定投票已开始，请投票：${r}`, en: (r) => `Owners' vote open, please vote: ${r}` },
  DECISION_APPROVED: { 'zh-CN': (r) => `表决通过：${r}`, en: (r) => `Vote carried: ${r}` },
  DECISION_NOT_APPROVED: { 'zh-CN': (r) => `表决未通过：${r}`, en: (r) => `Vote not carried: ${r}` },
  REVIEW_OPENED: { 'zh-CN': (r) => `新评审待您评分：${r}`, en: (r) => `A review awaits your scores: ${r}` },
  REVIEW_NOTICE: { 'zh-CN': (r) => `您的奖励结果公示中：${r}`, en: (r) => `Your reward is on public notice: ${r}` },
  REVIEW_OBJECTION: { 'zh-CN': (r) => `评审收到异议，待答复：${r}`, en: (r) => `An objection awaits an answer: ${r}` },
  OBJECTION_UPHELD: { 'zh-CN': (r) => `您的异议已成立：${r}`, en: (r) => `Your objection was upheld: ${r}` },
  OBJECTION_NOT_UPHELD: { 'zh-CN': (r) => `您的异议未成立：${r}`, en: (r) => `Your objection was not upheld: ${r}` },
  REVIEW_FINAL: { 'zh-CN': (r) => `奖励结果已确定：${r}`, en: (r) => `Your reward is final: ${r}` },
};

const OTHER: Record<Language, (ref: string) => string> = {
  'zh-CN': (r) => `新消息：${r}`,
  en: (r) => `New notice: ${r}`,
};

const SMS_REF_LENGTH = 24;

export interface RenderedNotice {
  /** One sentence: the e-mail subject, the SMS text before its link. */
  headline: string;
  /** For the SMS template's variables: the sentence (short) and the link. */
  smsText: string;
  link: string;
  emailText: string;
}

/** The part of the notice's text a message may carry: a ticket's number, a proposal's number and title. */
export function referenceOf(subjectType: string, text: string): string {
  if (subjectType === 'TICKET') return text.split(/\s/, 1)[0] ?? '';
  return text;
}

function clip(value: string, length: number): string {
  const chars = [...value];
  return chars.length <= length ? value : `${chars.slice(0, length - 1).join('')}…`;
}

export function render(input: { kind: string; subjectType: string; text: string; language: Language; url: string; settingsUrl: string }): RenderedNotice {
  const words = isKnownKind(input.kind) ? WORDS[input.kind][input.language] : OTHER[input.language];
  const ref = referenceOf(input.subjectType, input.text);
  const headline = words(ref);
  const smsText = words(clip(ref, SMS_REF_LENGTH));
  const footer = input.language === 'en' ? `Choose what reaches you and how: ${input.settingsUrl}` : `设置接收哪些通知、用何种方式：${input.settingsUrl}`;
  const open = input.language === 'en' ? 'Open it' : '查看详情';
  return { headline, smsText, link: input.url, emailText: `${headline}\n\n${open}: ${input.url}\n\n--\n${footer}\n` };
}

export function renderDigest(language: Language, lines: { headline: string; url: string }[], settingsUrl: string): { subject: string; text: string } {
  const subject = language === 'en' ? `Cocreate: ${lines.length} notices today` : `共创：今日 ${lines.length} 条通知`;
  const body = lines.map((l) => `• ${l.headline}\n  ${l.url}`).join('\n');
  const footer = language === 'en' ? `Daily digest. Change it here: ${settingsUrl}` : `每日汇总。在此更改：${settingsUrl}`;
  return { subject, text: `${body}\n\n--\n${footer}\n` };
}

export function renderCode(language: Language, code: string, minutes: number): string {
  // An activation letter's code lasts days, not minutes.
  const days = minutes >= 1440 && minutes % 1440 === 0 ? minutes / 1440 : null;
  if (language === 'en') return `Your Cocreate code is ${code}, valid for ${days ? `${days} days` : `${minutes} minutes`}. Never share it.`;
  return `您的共创验证码为 ${code}，${days ? `${days} 天` : `${minutes} 分钟`}内有效，请勿告诉他人。`;
}
