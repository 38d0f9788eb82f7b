import { describe, expect, it } from 'vitest';
import type { BackendStatus } from '../../../../src-shared/system';
import { gpuPreflight, type GpuFacts } from '../../../../src-main/engine/backend/gpu-preflight';
import { candidates, decide, forcedBackend, type ProbeResult } from '../../../../src-main/engine/backend/select';

const inventory = (installed: string[]): BackendStatus[] =>
  (['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const).map((name) => ({
    name,
    packageName: name,
    installed: installed.includes(name),
    version: installed.includes(name) ? '4.22.0' : null,
    note: null,
  }));

const probe = (name: ProbeResult['name'], ok: boolean, reason = ok ? `${name} passed` : `${name} failed`): ProbeResult => ({
  name,
  ok,
  reason,
  versions: { core: '4.22.0' },
  details: [],
  warnings: name === 'tensorflow-gpu' ? ['JIT warning'] : [],
  ms: 1,
});

describe('backend selection', () => {
  it('probes installed backends by preference, or only the forced one', () => {
    expect(candidates(inventory(['wasm', 'cpu']), null)).toEqual(['wasm', 'cpu']);
    expect(candidates(inventory(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']), null)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
    expect(candidates(inventory(['wasm', 'cpu']), 'cpu')).toEqual(['cpu']);
  });

  it('reads MNEMO_BACKEND and names a wrong value', () => {
    expect(forcedBackend(undefined)).toBeNull();
    expect(forcedBackend('auto')).toBeNull();
    expect(forcedBackend('wasm')).toBe('wasm');
    expect(() => forcedBackend('metal')).toThrow(/MNEMO_BACKEND="metal".*tensorflow-gpu, tensorflow, wasm, cpu/);
  });

  it('takes the first backend that passed, saying why the others were skipped', () => {
    const selection = decide([probe('tensorflow-gpu', false, 'libcudart.so.11.0 not found'), probe('tensorflow', false, 'not installed'), probe('wasm', true)], null);
    expect(selection.name).toBe('wasm');
    expect(selection.forced).toBe(false);
    expect(selection.reason).toBe('wasm passed; skipped tensorflow-gpu (libcudart.so.11.0 not found), tensorflow (not installed)');
    expect(selection.warnings).toEqual(['JIT warning']);
  });

  it('fails clearly when nothing works or the forced backend fails', () => {
    expect(() => decide([probe('wasm', false, 'boom'), probe('cpu', false, 'bang')], null)).toThrow('No compute backend works here (wasm: boom; cpu: bang).');
    expect(() => decide([probe('tensorflow', false, 'no libtensorflow')], 'tensorflow')).toThrow(/forced backend tensorflow cannot run here/);
  });
});

describe('GPU preflight (ENGINE-NOTES §2.2)', () => {
  const facts = (over: Partial<GpuFacts>): GpuFacts => ({ cudaRuntime: true, cudnn: true, gpus: [{ name: 'RTX 2080', computeCapability: '7.5' }], cudaCachePath: null, ...over });

  it('accepts Turing natively, with allow-growth set', () => {
    expect(gpuPreflight(facts({}))).toEqual({ usable: true, reason: null, warnings: [], env: { TF_FORCE_GPU_ALLOW_GROWTH: 'true' } });
  });

  it('needs CUDA 11.2 and cuDNN 8.1', () => {
    const result = gpuPreflight(facts({ cudaRuntime: false, cudnn: false }));
    expect(result.usable).toBe(false);
    expect(result.reason).toContain('libcudart.so.11.0 (CUDA 11.2) and libcudnn.so.8 (cuDNN 8.1)');
  });

  it('warns about the first-run JIT on Ada and Hopper and enlarges the cache', () => {
    const hopper = gpuPreflight(facts({ gpus: [{ name: 'H100', computeCapability: '9.0' }] }));
    expect(hopper.usable).toBe(true);
    expect(hopper.warnings[0]).toMatch(/H100 .*9\.0.*JIT.*tens of minutes/);
    expect(hopper.warnings[1]).toMatch(/CUDA_CACHE_PATH/);
    expect(hopper.env.CUDA_CACHE_MAXSIZE).toBe('2147483648');
    const ada = gpuPreflight(facts({ gpus: [{ name: 'RTX 4090', computeCapability: '8.9' }], cudaCachePath: '/var/cache/cuda' }));
    expect(ada.warnings).toHaveLength(1);
  });

  it('refuses Blackwell and machines without a GPU', () => {
    expect(gpuPreflight(facts({ gpus: [{ name: 'RTX 5090', computeCapability: '12.0' }] })).reason).toMatch(/Blackwell.*not supported/);
    expect(gpuPreflight(facts({ gpus: [] })).reason).toMatch(/no NVIDIA GPU/);
  });
});
