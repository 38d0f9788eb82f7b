/** Learning-rate schedules, as pure functions of training progress. */
import type { ScheduleConfig } from '../../../src-shared/config/training';

/**
 * The learning rate at a point of training.
 * @param epoch 0-based epoch; `fraction` in [0, 1) is progress within it (cosine decays per step).
 */
export function learningRate(base: number, schedule: ScheduleConfig, epochs: number, epoch: number, fraction = 0): number {
  switch (schedule.kind) {
    case 'constant':
      return base;
    case 'step': {
      // Milestones are 1-based epoch counts, as in PyTorch's MultiStepLR: after `m` epochs the rate drops.
      const passed = schedule.milestones.filter((m) => epoch >= m).length;
      return base * schedule.gamma ** passed;
    }
    case 'cosine': {
      const t = epoch + fraction;
      if (t < schedule.warmupEpochs) return (base * (t + 1 / Math.max(1, epochs))) / schedule.warmupEpochs;
      const span = Math.max(epochs - schedule.warmupEpochs, 1e-9);
      return 0.5 * base * (1 + Math.cos((Math.PI * (t - schedule.warmupEpochs)) / span));
    }
  }
}
