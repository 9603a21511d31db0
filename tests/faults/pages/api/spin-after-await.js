// Spins in an await continuation (run by the worker's driver, not the first dispatch).
export default async function handler(req, res) {
  await new Promise((resolve) => setTimeout(resolve, 5))
  for (;;) {}
}
