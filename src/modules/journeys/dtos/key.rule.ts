/** Keys name things in facts and formulas: lowercase, digits and underscores, starting with a letter. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,99}$/;
export const KEY_RULE = { message: '$property must start with a lowercase letter and hold only a-z, 0-9 and _ (at most 100)' };
