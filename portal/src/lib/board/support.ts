/** The fields a support button reads and changes. */
export interface Supportable {
  supportCount: number;
  viewerHasSupported: boolean;
}

/** What the card shows the moment the button is pressed, before the server answers. */
export function toggledSupport<T extends Supportable>(proposal: T): T {
  const supported = !proposal.viewerHasSupported;
  return { ...proposal, viewerHasSupported: supported, supportCount: Math.max(proposal.supportCount + (supported ? 1 : -1), 0) };
}

/** Progress toward the threshold that sends a proposal to review by itself (0 when there is none). */
export function thresholdProgress(supportCount: number, threshold: number): number {
  return threshold > 0 ? Math.min(supportCount / threshold, 1) : 0;
}

/** Supports still needed to reach the threshold. */
export const supportsToGo = (supportCount: number, threshold: number) => Math.max(threshold - supportCount, 0);
