// Starts an engine worker from TypeScript sources under plain Node (CLI, tests), through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
