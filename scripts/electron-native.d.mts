/** Types of electron-native.mjs, for the Electron end-to-end test that shares it with `npm start`. */
export declare function ensureElectronSqlite(root: string): { path: string | null; error: string | null };
