import { describe, expect, it } from 'vitest';
import { passwordError, passwordProblem } from './passwords.js';

describe('password policy', () => {
  it('needs 8–128 characters and two of the four character classes', () => {
    expect(passwordProblem('Ab#1234')).toBe('too_short');
    expect(passwordProblem(`Ab1${'x'.repeat(126)}`)).toBe('too_long');
    expect(passwordProblem('abcdefghij')).toBe('too_simple');
    expect(passwordProblem('1234567890')).toBe('too_simple');
    expect(passwordProblem('密码密码密码密码')).toBe('too_simple');
    expect(passwordProblem('abcdefg1')).toBeNull();
    expect(passwordProblem('Abcdefgh')).toBeNull();
    expect(passwordProblem('Test#2026pw')).toBeNull();
  });

  it('refuses the e-mail address or its local part, in any case', () => {
    expect(passwordProblem('Wang.Gong2026@Example.cn', 'wang.gong2026@example.cn')).toBe('same_as_email');
    expect(passwordProblem('wang.gong2026', 'Wang.Gong2026@example.cn')).toBe('same_as_email');
    expect(passwordProblem('wang.gong2027', 'wang.gong2026@example.cn')).toBeNull();
  });

  it('names the rule in the field error code', () => {
    const e = passwordError('same_as_email', 'newPassword');
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.fields).toEqual([expect.objectContaining({ field: 'newPassword', code: 'PASSWORD_SAME_AS_EMAIL' })]);
    expect(passwordError('too_short').fields?.[0].code).toBe('PASSWORD_TOO_SHORT');
  });
});
