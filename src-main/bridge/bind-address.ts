/**
 * Which address the bridge listens on. Loopback unless the user passes `--host` explicitly:
 * anything else exposes the workbench (and its data) to the network, so it is refused without
 * the flag and warned about with it.
 */
import net from 'node:net';

export const DEFAULT_HOST = '127.0.0.1';

export interface BindDecision {
  host: string;
  loopback: boolean;
  /** Printed when the bind leaves this machine. */
  warning: string | null;
}

/** True for 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  if (net.isIPv6(host)) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * Decides the bind address.
 * @param host the requested host, or undefined for the default.
 * @param explicit whether the user asked for it with `--host` (an environment default is not enough).
 * @throws Error when a non-loopback host is requested without the explicit flag.
 */
export function decideBind(host: string | undefined, explicit: boolean): BindDecision {
  const chosen = host ?? DEFAULT_HOST;
  if (isLoopback(chosen)) return { host: chosen, loopback: true, warning: null };
  if (!explicit) {
    throw new Error(`Refusing to listen on ${chosen}: only loopback is allowed unless you pass --host ${chosen} explicitly.`);
  }
  return {
    host: chosen,
    loopback: false,
    warning:
      `WARNING: listening on ${chosen}, not loopback. Anyone who can reach this address and has the token ` +
      'can read and change your studies. Use an SSH tunnel to 127.0.0.1 instead where you can.',
  };
}
