/**
 * The result every baseline membership attack reports on its target model: hard predictions,
 * a continuous member score for the ROC sweep, and the accuracy figures of SCIENCE.md §6.
 */

export interface MembershipOutcome {
  /** 1 where the attack says "member", per sample of the target. */
  predictions: Uint8Array;
  /** Larger = more likely a member; feed to roc.ts for ROC, AUC and TPR@FPR. */
  scores: Float64Array;
  /** The target's ground truth (its keep row). */
  isMember: Uint8Array;
  members: number;
  nonMembers: number;
  /** Members flagged / members (NaN without members). */
  tpr: number;
  /** Non-members not flagged / non-members (NaN without non-members). */
  tnr: number;
  /** Correct predictions / all samples. */
  accuracy: number;
  /** ½(TPR + TNR): the "membership inference accuracy" Song & Mittal report. */
  balancedAccuracy: number;
}

/**
 * Summarises hard predictions against the truth.
 * @throws RangeError when the lengths differ.
 */
export function membershipOutcome(predictions: Uint8Array, scores: Float64Array, isMember: Uint8Array): MembershipOutcome {
  if (predictions.length !== isMember.length || scores.length !== isMember.length) {
    throw new RangeError(`predictions (${predictions.length}), scores (${scores.length}) and isMember (${isMember.length}) differ in length`);
  }
  let members = 0;
  let truePositives = 0;
  let trueNegatives = 0;
  for (let i = 0; i < isMember.length; i++) {
    if (isMember[i]) {
      members++;
      if (predictions[i]) truePositives++;
    } else if (!predictions[i]) {
      trueNegatives++;
    }
  }
  const nonMembers = isMember.length - members;
  const tpr = truePositives / members;
  const tnr = trueNegatives / nonMembers;
  return {
    predictions,
    scores,
    isMember,
    members,
    nonMembers,
    tpr,
    tnr,
    accuracy: (truePositives + trueNegatives) / isMember.length,
    balancedAccuracy: 0.5 * (tpr + tnr),
  };
}
