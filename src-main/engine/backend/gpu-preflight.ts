/**
 * GPU preflight for @tensorflow/tfjs-node-gpu (ENGINE-NOTES §2.2): it is built against libtensorflow
 * 2.9.1, CUDA 11.2 and cuDNN 8.1, with native code for compute capabilities up to 7.5 and PTX for
 * 8.0. Newer GPUs run through a driver JIT of that PTX (Ada 8.9, Hopper 9.0: tens of minutes the
 * first time); Blackwell (10.x, 12.x) is not supported. The decision is a pure function of facts
 * gathered from the machine, so it is testable anywhere.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface GpuFacts {
  /** Whether libcudart.so.11.0 and libcudnn.so.8 (or their Windows DLLs) were found. */
  cudaRuntime: boolean;
  cudnn: boolean;
  /** Devices from nvidia-smi: name and compute capability such as "8.9"; empty when none or unknown. */
  gpus: Array<{ name: string; computeCapability: string }>;
  /** Whether a persistent CUDA_CACHE_PATH is set (the JIT cache survives restarts). */
  cudaCachePath: string | null;
}

export interface GpuPreflight {
  usable: boolean;
  /** Why the GPU backend is not usable, when it is not. */
  reason: string | null;
  warnings: string[];
  /** Environment the engine process should set before loading tfjs-node-gpu. */
  env: Record<string, string>;
}

/** Decides whether tfjs-node-gpu can be tried, and what to warn about. */
export function gpuPreflight(facts: GpuFacts): GpuPreflight {
  const env: Record<string, string> = { TF_FORCE_GPU_ALLOW_GROWTH: 'true' };
  if (!facts.cudaRuntime || !facts.cudnn) {
    const missing = [!facts.cudaRuntime && 'libcudart.so.11.0 (CUDA 11.2)', !facts.cudnn && 'libcudnn.so.8 (cuDNN 8.1)'].filter(Boolean).join(' and ');
    return { usable: false, reason: `tfjs-node-gpu needs ${missing}, which were not found`, warnings: [], env };
  }
  if (!facts.gpus.length) return { usable: false, reason: 'no NVIDIA GPU was found (nvidia-smi lists none)', warnings: [], env };
  const warnings: string[] = [];
  for (const gpu of facts.gpus) {
    const major = Number(gpu.computeCapability.split('.')[0]);
    const cc = Number(gpu.computeCapability);
    if (major >= 10) {
      return {
        usable: false,
        reason: `${gpu.name} (compute capability ${gpu.computeCapability}, Blackwell) is not supported by libtensorflow 2.9.1; training uses the CPU`,
        warnings,
        env,
      };
    }
    if (cc > 8.0) {
      warnings.push(
        `${gpu.name} (compute capability ${gpu.computeCapability}) runs libtensorflow 2.9.1 through a driver JIT of its compute_80 PTX: ` +
          'the first run can take tens of minutes while kernels compile; later runs reuse the cache.',
      );
      env.CUDA_CACHE_MAXSIZE = '2147483648';
      if (!facts.cudaCachePath) warnings.push('Set CUDA_CACHE_PATH to a persistent folder so the JIT cache survives restarts.');
    }
  }
  return { usable: true, reason: null, warnings, env };
}

const LIBRARY_DIRS = ['/usr/local/cuda/lib64', '/usr/local/cuda-11.2/lib64', '/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib'];

function libraryFound(names: string[], env: NodeJS.ProcessEnv): boolean {
  const dirs = [...(env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), ...(env.PATH ?? '').split(path.delimiter).filter(Boolean), ...LIBRARY_DIRS];
  return dirs.some((dir) => names.some((name) => fs.existsSync(path.join(dir, name))));
}

/** Gathers the facts from this machine (libraries on the usual paths, nvidia-smi). */
export function gatherGpuFacts(env: NodeJS.ProcessEnv = process.env): GpuFacts {
  let gpus: GpuFacts['gpus'] = [];
  try {
    const out = execFileSync('nvidia-smi', ['--query-gpu=name,compute_cap', '--format=csv,noheader'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
    gpus = out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, cc] = line.split(',').map((s) => s.trim());
        return { name: name ?? 'GPU', computeCapability: cc ?? '0' };
      });
  } catch {
    gpus = [];
  }
  return {
    cudaRuntime: libraryFound(['libcudart.so.11.0', 'cudart64_110.dll'], env),
    cudnn: libraryFound(['libcudnn.so.8', 'cudnn64_8.dll'], env),
    gpus,
    cudaCachePath: env.CUDA_CACHE_PATH ?? null,
  };
}
