// A route handler that spins after an await.
export async function GET() {
  await new Promise((resolve) => setTimeout(resolve, 5))
  for (;;) {}
}
