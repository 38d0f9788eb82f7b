/**
 * The exact tfjs versions Mnemo's wasm training kernels were written and tested against. The kernels
 * read backend internals (the wasm heap, `dataIdMap`, the exported C entry points and their argument
 * lists), which tfjs does not keep stable between releases, so any other version is refused.
 */

/** The only @tensorflow/tfjs-core and @tensorflow/tfjs-backend-wasm version the patches support. */
export const PATCHED_TFJS_VERSION = '4.22.0';

/**
 * Checks that tfjs-core and tfjs-backend-wasm are exactly the version the kernels were written for.
 *
 * Args: `coreVersion`, `wasmVersion` — the versions as the loaded packages report them
 * (`tf.version_core`, `version_wasm`).
 * Throws: an Error naming both versions when either differs from {@link PATCHED_TFJS_VERSION}.
 */
export function assertPatchedVersions(coreVersion: string, wasmVersion: string): void {
  if (coreVersion === PATCHED_TFJS_VERSION && wasmVersion === PATCHED_TFJS_VERSION) return;
  throw new Error(
    `Mnemo's wasm training kernels support only @tensorflow/tfjs-core and @tensorflow/tfjs-backend-wasm ` +
      `${PATCHED_TFJS_VERSION}, but found tfjs-core ${coreVersion} and tfjs-backend-wasm ${wasmVersion}: ` +
      `they read backend internals, so pin both packages to ${PATCHED_TFJS_VERSION} or re-test the kernels.`,
  );
}
