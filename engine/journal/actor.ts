/** Who is running this process: OS user, host, pid, and the command given. */
import { hostname, userInfo } from 'node:os';
import type { Actor } from './entry-types.js';

export function currentActor(command: string): Actor {
  return { user: osUser(), host: hostname(), pid: process.pid, command };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry for the uid (common in containers).
    return process.env.USER ?? process.env.LOGNAME ?? `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/** `resume on host ip-10-0-1-5 (pid 4242, user ops)` */
export function describeActor(actor: Actor): string {
  return `${actor.command} on host ${actor.host} (pid ${actor.pid}, user ${actor.user})`;
}
