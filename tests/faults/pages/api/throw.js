// A handler that throws synchronously.
export default function handler() {
  throw new Error('thrown by the fault suite')
}
