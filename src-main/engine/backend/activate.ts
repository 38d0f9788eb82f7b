/**
 * Loads one compute backend into this process's tfjs and makes it current. tfjs-node(-gpu) are
 * native addons that are not safe in worker_threads (tfjs#8388), so the pool gives them a process.
 */
import type { BackendName } from '../../../src-shared/system';
import { tf } from '../tf';
import { gatherGpuFacts, gpuPreflight } from './gpu-preflight';
import { installedVersion } from './inventory';

export interface ActiveBackend {
  name: BackendName;
  /** tfjs' own name for it: 'tensorflow', 'wasm' or 'cpu'. */
  tfName: string;
  /** Versions stored with every result. */
  versions: Record<string, string>;
  /** Facts worth showing (SIMD, GPU device…). */
  details: string[];
  warnings: string[];
}

export class BackendUnavailableError extends Error {
  constructor(
    readonly backend: BackendName,
    reason: string,
  ) {
    super(`${backend}: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

const TF_NAME: Record<BackendName, string> = { 'tensorflow-gpu': 'tensorflow', tensorflow: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };

async function loadNative(name: 'tensorflow' | 'tensorflow-gpu'): Promise<{ details: string[]; warnings: string[]; versions: Record<string, string> }> {
  const packageName = name === 'tensorflow-gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
  const version = installedVersion(packageName);
  if (!version) throw new BackendUnavailableError(name, `${packageName} is not installed`);
  const warnings: string[] = [];
  if (name === 'tensorflow-gpu') {
    const preflight = gpuPreflight(gatherGpuFacts());
    if (!preflight.usable) throw new BackendUnavailableError(name, preflight.reason ?? 'the GPU preflight failed');
    Object.assign(process.env, preflight.env);
    warnings.push(...preflight.warnings);
  }
  try {
    await import(packageName);
  } catch (error) {
    throw new BackendUnavailableError(name, `${packageName} failed to load: ${(error as Error).message.split('\n')[0]}`);
  }
  const details: string[] = [];
  const backend = tf.findBackend('tensorflow') as unknown as { isUsingGpuDevice?: boolean; binding?: { TF_Version?: string } } | null;
  if (name === 'tensorflow-gpu' && backend && backend.isUsingGpuDevice === false) {
    throw new BackendUnavailableError(name, 'libtensorflow loaded but sees no GPU device');
  }
  const tfVersion = backend?.binding?.TF_Version;
  if (tfVersion) details.push(`libtensorflow ${tfVersion}`);
  return { details, warnings, versions: { [packageName]: version, ...(tfVersion ? { libtensorflow: tfVersion } : {}) } };
}

/**
 * Activates `name`: imports its package, installs Mnemo's wasm training kernels where needed, and
 * sets it as tfjs' backend.
 * @throws BackendUnavailableError saying why the backend cannot run here.
 */
export async function activateBackend(name: BackendName): Promise<ActiveBackend> {
  const versions: Record<string, string> = { '@tensorflow/tfjs-core': tf.version_core };
  let details: string[] = [];
  let warnings: string[] = [];
  if (name === 'tensorflow' || name === 'tensorflow-gpu') {
    ({ details, warnings } = await loadNative(name).then((r) => {
      Object.assign(versions, r.versions);
      return r;
    }));
  } else if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const { installWasmTrainingKernels } = await import('./wasm/install');
    try {
      const report = installWasmTrainingKernels();
      details.push(`Mnemo training kernels: ${report.kernels.join(', ')}`);
    } catch (error) {
      throw new BackendUnavailableError(name, (error as Error).message);
    }
    versions['@tensorflow/tfjs-backend-wasm'] = wasm.version_wasm;
  } else {
    versions['@tensorflow/tfjs-backend-cpu'] = installedVersion('@tensorflow/tfjs-backend-cpu') ?? tf.version_core;
  }
  const ok = await tf.setBackend(TF_NAME[name]);
  if (!ok) throw new BackendUnavailableError(name, `tfjs could not initialise the ${TF_NAME[name]} backend`);
  await tf.ready();
  if (name === 'wasm') details.push(`SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'on' : 'off'}, 1 thread per worker`);
  return { name, tfName: TF_NAME[name], versions, details, warnings };
}
