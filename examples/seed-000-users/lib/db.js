// Not from a seed: the two helpers seed 000_25a6efbb7395948c.txt calls but never defines
// (fetchUsersFromDatabase, createUserInDatabase), as a tiny in-memory "database".
// They are async, like a real database client, so the handler's awaits are exercised.
// The array is module state: it lives per worker (run with --workers 1 to see one list).

const users = [{ id: 1, name: 'Ada Lovelace', email: 'ada@example.com' }];
let nextId = 2;

export async function fetchUsersFromDatabase() {
  // A copy, so a caller cannot change the stored list by accident.
  return users.map((user) => ({ ...user }));
}

export async function createUserInDatabase(data) {
  // The request body may be an object (JSON), a string (text) or "" (no body).
  const fields = data && typeof data === 'object' ? data : { value: data };
  const user = { ...fields, id: nextId++ };
  users.push(user);
  return { ...user };
}
