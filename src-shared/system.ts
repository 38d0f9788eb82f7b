/** Domain types of the "About this workbench" panel. */

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** One compute backend as found on this machine. */
export interface BackendStatus {
  name: BackendName;
  /** The npm package that provides it. */
  packageName: string;
  installed: boolean;
  version: string | null;
  /** Why it is not usable, when it is not (missing package, failed probe…). */
  note: string | null;
}

/** Where results are stored and why there. */
export interface DataDirInfo {
  path: string;
  source: 'flag' | 'env' | 'default';
  databasePath: string;
}

export interface AboutInfo {
  appVersion: string;
  nodeVersion: string;
  electronVersion: string | null;
  chromeVersion: string | null;
  platform: string;
  arch: string;
  cpuCount: number;
  transport: 'electron' | 'browser';
  backends: BackendStatus[];
  /** The backend the engine's probe chose, and why. */
  selectedBackend: { name: BackendName; reason: string };
  /** Versions of the selected backend's packages (stored with every result). */
  backendVersions: Record<string, string>;
  /** GPU preflight and other warnings worth showing beside the backend. */
  warnings: string[];
  dataDir: DataDirInfo;
}
