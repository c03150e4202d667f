import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../kernel/errors.js';

// OWASP's argon2id baseline (19 MiB, 2 passes); hashes carry their own parameters, so these can rise later.
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum, not importable under isolatedModules) */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_simple' | 'same_as_email';

/**
 * The password policy: 8–128 characters, at least two of the four classes (lower case, upper case, digits,
 * symbols), and not the account's e-mail address or its local part. Returns a problem key, or null when acceptable.
 */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  if (password.length < 8) return 'too_short';
  if (password.length > 128) return 'too_long';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 2) return 'too_simple';
  if (email) {
    const e = email.trim().toLowerCase();
    const p = password.trim().toLowerCase();
    if (p === e || p === e.split('@')[0]) return 'same_as_email';
  }
  return null;
}

const PROBLEM_TEXT: Record<PasswordProblem, [code: string, zh: string, en: string]> = {
  too_short: ['PASSWORD_TOO_SHORT', '至少 8 个字符', 'must have at least 8 characters'],
  too_long: ['PASSWORD_TOO_LONG', '最多 128 个字符', 'must have at most 128 characters'],
  too_simple: ['PASSWORD_TOO_SIMPLE', '须包含大写字母、小写字母、数字、符号中的至少两类', 'must mix at least two of upper-case letters, lower-case letters, digits and symbols'],
  same_as_email: ['PASSWORD_SAME_AS_EMAIL', '不能与电子邮箱（或其 @ 前的部分）相同', 'must not be the e-mail address (or its part before @)'],
};

/** A VALIDATION_FAILED error on field `field` whose field code names the rule (PASSWORD_TOO_SHORT …). */
export function passwordError(problem: PasswordProblem, field = 'password'): AppError {
  const [code, reasonZh, reasonEn] = PROBLEM_TEXT[problem];
  return new AppError('VALIDATION_FAILED', { summary: field }, [{ field, code, params: { field, reasonZh, reasonEn } }]);
}
