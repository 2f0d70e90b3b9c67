/**
 * SQL for "this person can sign in": linked to an account that has been activated (a password set).
 * An owner known only from the register, or staff added but not yet activated, cannot.
 */
export const hasAccountSql = (person: string) => `exists (select 1 from account a where a.id = ${person}.account_id and a.password_hash is not null)`;
