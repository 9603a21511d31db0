// An async handler that rejects after an await.
export default async function handler() {
  await new Promise((resolve) => setTimeout(resolve, 5))
  throw new Error('rejected by the fault suite')
}
