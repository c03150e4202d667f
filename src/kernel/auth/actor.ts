export const ROLES = ['enterprise', 'institution', 'broker', 'service', 'government', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: a signed-in user (by session or API token), anonymous, or the platform itself (CLI, jobs). */
export type Actor =
  | { kind: 'user'; userId: string; email: string; name: string; role: Role; orgId: string | null; orgAdmin: boolean; via: 'session' | 'token'; requestId?: string }
  | { kind: 'anonymous'; requestId?: string }
  | { kind: 'system'; process: string; requestId?: string };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function systemActor(process: string): Actor {
  return { kind: 'system', process };
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
}

export function isUser(actor: Actor): actor is Extract<Actor, { kind: 'user' }> {
  return actor.kind === 'user';
}
