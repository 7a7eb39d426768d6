// The well-known test users anyone may sign in as (a teaching tool, not a real identity store).

export interface TestUser {
  /** Stable subject identifier (OIDC Core §2 `sub`): the API keys its data on it. */
  sub: string;
  username: string;
  password: string;
  givenName: string;
  familyName: string;
}

/** Listed on the login page and in the README; passwords are public on purpose. */
export const TEST_USERS: readonly TestUser[] = [
  {
    sub: 'a6b1c2d3-0001-4000-8000-000000000001',
    username: 'alice',
    password: 'alice-password',
    givenName: 'Alice',
    familyName: 'Anders',
  },
  {
    sub: 'b6b1c2d3-0002-4000-8000-000000000002',
    username: 'bob',
    password: 'bob-password',
    givenName: 'Bob',
    familyName: 'Brown',
  },
];

export function findUserBySub(sub: string): TestUser | undefined {
  return TEST_USERS.find((user) => user.sub === sub);
}

export function checkCredentials(username: string, password: string): TestUser | undefined {
  const user = TEST_USERS.find((candidate) => candidate.username === username.trim().toLowerCase());
  return user && user.password === password ? user : undefined;
}

/** Claims released for the scopes granted (OIDC Core §5.4: `profile` → name claims). */
export function userClaims(user: TestUser, scopes: ReadonlySet<string>): Record<string, string> {
  const claims: Record<string, string> = { sub: user.sub };
  if (scopes.has('profile')) {
    claims.name = `${user.givenName} ${user.familyName}`;
    claims.given_name = user.givenName;
    claims.family_name = user.familyName;
    claims.preferred_username = user.username;
  }
  return claims;
}
