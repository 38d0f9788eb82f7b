/**
 * Installs Mnemo's training kernels on the tfjs wasm backend through the kernel registry (no fork
 * of tfjs). See ENGINE-NOTES §1(c) and §3(i) for why each kernel is needed.
 *
 * Install order: import '@tensorflow/tfjs-backend-wasm' first (it registers the backend and its
 * stock kernels; this module imports it too). `installWasmTrainingKernels()` may then run before or
 * after `await tf.setBackend('wasm')`: each replacement carries the stock kernel's `setupFunc`, so
 * the stock code it falls back to is initialised whenever the backend is (re)activated.
 */
import { getKernel, registerKernel, unregisterKernel, version_core, type KernelConfig } from '@tensorflow/tfjs-core';
import { version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { batchMatMulConfig } from './batch-mat-mul';
import { castConfig } from './cast';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input';
import { fusedMatMulConfig } from './fused-mat-mul';
import { identityConfig } from './identity';
import { rememberOriginal } from './kernel-calls';
import { maxPoolGradConfig } from './max-pool-grad';
import { meanConfig } from './mean';
import { sumConfig } from './sum';
import { tanhConfig } from './tanh';
import { assertPatchedVersions } from './version-guard';

/** What {@link installWasmTrainingKernels} found and changed. */
export interface WasmPatchReport {
  tfjsVersion: string;
  wasmVersion: string;
  /** Kernel names replaced or added on backend 'wasm'. */
  kernels: string[];
}

/** Mnemo's kernels, in installation order. */
export const TRAINING_KERNELS: readonly KernelConfig[] = [
  batchMatMulConfig,
  fusedMatMulConfig,
  conv2DBackpropInputConfig,
  conv2DBackpropFilterConfig,
  maxPoolGradConfig,
  identityConfig,
  castConfig,
  sumConfig,
  meanConfig,
  tanhConfig,
];

/** Marks registrations made here, so a second install leaves them alone. */
const MNEMO_KERNEL = Symbol.for('mnemo.wasmTrainingKernel');
type MarkedConfig = KernelConfig & { [MNEMO_KERNEL]?: true };

/**
 * Registers Mnemo's training kernels on the wasm backend ({@link TRAINING_KERNELS}: BatchMatMul,
 * _FusedMatMul, Conv2DBackpropInput, Conv2DBackpropFilter (new), MaxPoolGrad, Identity, Cast, Sum,
 * Mean, Tanh). Idempotent.
 *
 * Call after the wasm backend is registered (import '@tensorflow/tfjs-backend-wasm'), before or
 * after `tf.setBackend('wasm')`.
 * Returns: the tfjs versions and the kernel names now provided by Mnemo.
 * Throws: an Error naming both versions if @tensorflow/tfjs-core or -backend-wasm is not exactly
 * 4.22.0, because the kernels rely on backend internals (version-guard.ts).
 */
export function installWasmTrainingKernels(): WasmPatchReport {
  assertPatchedVersions(version_core, version_wasm);
  for (const config of TRAINING_KERNELS) {
    const current = getKernel(config.kernelName, 'wasm') as MarkedConfig | undefined;
    if (current?.[MNEMO_KERNEL]) continue;
    if (current !== undefined) {
      rememberOriginal(current);
      unregisterKernel(config.kernelName, 'wasm');
    }
    const replacement: MarkedConfig = { ...config, [MNEMO_KERNEL]: true };
    if (current?.setupFunc !== undefined) replacement.setupFunc = current.setupFunc;
    if (current?.disposeFunc !== undefined) replacement.disposeFunc = current.disposeFunc;
    registerKernel(replacement);
  }
  return { tfjsVersion: version_core, wasmVersion: version_wasm, kernels: TRAINING_KERNELS.map((k) => k.kernelName) };
}
