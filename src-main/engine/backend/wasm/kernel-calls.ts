/**
 * How Mnemo's wasm kernels call other wasm kernels and the backend's C entry points, and how they
 * free what they allocate. Calling `tf.*` ops inside a kernel is not safe (it would re-enter the
 * engine and record on the tape), so kernels call `kernelFunc`s directly and must dispose every
 * intermediate with `backend.disposeData` themselves.
 */
import {
  getKernel,
  util,
  type DataType,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** The wasm backend instance kernels receive. */
export type WasmBackend = BackendWasm;

/** Arguments every kernelFunc receives, typed for the wasm backend. */
export interface WasmKernelArgs<Attrs = NamedAttrMap> {
  inputs: NamedTensorInfoMap;
  backend: WasmBackend;
  attrs: Attrs;
}

/** The original kernels Mnemo replaced, captured before they were unregistered. */
const originals = new Map<string, KernelConfig>();

/** Records the stock kernel `config` so that replacements can still call it. */
export function rememberOriginal(config: KernelConfig): void {
  if (!originals.has(config.kernelName)) originals.set(config.kernelName, config);
}

/**
 * The stock kernel Mnemo replaced under `kernelName`, for inputs the replacement leaves to it.
 * Throws: when the installer has not captured it (the replacement was registered by hand).
 */
export function originalKernel(kernelName: string): KernelFunc {
  const config = originals.get(kernelName);
  if (config === undefined) throw new Error(`The stock wasm kernel '${kernelName}' was not captured before it was replaced`);
  return config.kernelFunc;
}

/** The stock kernel named `kernelName` when Mnemo replaced it, else the registered one. */
function wasmKernel(kernelName: string): KernelFunc {
  const config = originals.get(kernelName) ?? getKernel(kernelName, 'wasm');
  if (config === undefined) throw new Error(`Kernel '${kernelName}' is not registered for backend 'wasm'`);
  return config.kernelFunc;
}

/** Data ids that are views into another tensor's heap memory (never `_free`d by us). */
const views = new WeakSet<object>();

/**
 * The intermediates of one kernel invocation. Every tensor made through it is disposed by
 * {@link Scope.dispose} unless handed out with {@link Scope.keep}.
 */
export class Scope {
  private readonly temps: TensorInfo[] = [];

  constructor(readonly backend: WasmBackend) {}

  /** Runs the wasm kernel `kernelName` (the stock one if Mnemo replaced it); its output is temporary. */
  run(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const out = wasmKernel(kernelName)({ inputs, backend: this.backend, attrs });
    if (Array.isArray(out)) throw new Error(`Kernel '${kernelName}' returned ${out.length} outputs, expected one`);
    return this.track(out);
  }

  /** The same data under another shape of equal size (shares memory, like the wasm Reshape kernel). */
  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    if (util.sizeFromShape(shape) !== util.sizeFromShape(x.shape)) {
      throw new Error(`Cannot reshape [${x.shape}] to [${shape}]: sizes differ`);
    }
    this.backend.incRef(x.dataId);
    return this.track({ dataId: x.dataId, shape, dtype: x.dtype });
  }

  /** A new, uninitialised tensor on the wasm heap. */
  alloc(shape: number[], dtype: DataType = 'float32'): TensorInfo {
    return this.track(this.backend.makeOutput(shape, dtype));
  }

  /**
   * A tensor that aliases `shape`-sized memory inside `base`, starting `offset` elements in. It is
   * registered with the C side (so XNNPACK can read or write it) but owns no memory.
   */
  view(base: TensorInfo, offset: number, shape: number[]): TensorInfo {
    const { memoryOffset } = this.backend.dataIdMap.get(base.dataId);
    const bytes = util.bytesPerElement(base.dtype);
    const out = this.backend.makeOutput(shape, base.dtype, memoryOffset + offset * bytes);
    views.add(out.dataId);
    return this.track(out);
  }

  /** Starts tracking `t` as an intermediate. */
  track(t: TensorInfo): TensorInfo {
    this.temps.push(t);
    return t;
  }

  /** Stops tracking `t`, which becomes (part of) the kernel's result. */
  keep(t: TensorInfo): TensorInfo {
    const i = this.temps.lastIndexOf(t);
    if (i >= 0) this.temps.splice(i, 1);
    return t;
  }

  /** The C-side id of a tensor (what the exported C entry points take). */
  id(t: TensorInfo): number {
    return this.backend.dataIdMap.get(t.dataId).id;
  }

  /** Disposes every intermediate that was not kept. */
  dispose(): void {
    for (const t of this.temps.splice(0)) release(this.backend, t);
  }
}

/** Frees one tensor (a view only loses its registration). */
function release(backend: WasmBackend, t: TensorInfo): void {
  if (!views.has(t.dataId)) {
    backend.disposeData(t.dataId);
    return;
  }
  const data = backend.dataIdMap.get(t.dataId);
  backend.dataIdMap.delete(t.dataId);
  // Runs XNNPACK's disposal callbacks (operators cached on this id) without freeing heap memory.
  backend.wasm.tfjs.disposeData(data.id);
}

/**
 * Runs `body` with a fresh {@link Scope} and disposes its intermediates afterwards, also when
 * `body` throws.
 */
export function withScope<T>(backend: WasmBackend, body: (scope: Scope) => T): T {
  const scope = new Scope(backend);
  try {
    return body(scope);
  } finally {
    scope.dispose();
  }
}

type CFunction = (...args: Array<number | Uint8Array>) => void;
interface Cwrappable {
  cwrap(name: string, returnType: null, argTypes: string[]): CFunction;
}

const cFunctions = new WeakMap<object, Map<string, CFunction>>();

/**
 * The backend's exported C function `name`, wrapped once per wasm module instance.
 * `argTypes` are emscripten cwrap types ('number' or 'array').
 */
export function cFunction(backend: WasmBackend, name: string, argTypes: string[]): CFunction {
  const module = backend.wasm as unknown as Cwrappable;
  let table = cFunctions.get(module);
  if (table === undefined) {
    table = new Map();
    cFunctions.set(module, table);
  }
  let fn = table.get(name);
  if (fn === undefined) {
    fn = module.cwrap(name, null, argTypes);
    table.set(name, fn);
  }
  return fn;
}

/** A shape as the byte array the C entry points take ('array' arguments of int32). */
export function shapeBytes(shape: readonly number[]): Uint8Array {
  return new Uint8Array(new Int32Array(shape).buffer);
}
