// Calls process.exit, which must fail only this request.
export default function handler() {
  process.exit(1)
}
