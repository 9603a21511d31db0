// Fills the heap with module state that is never released: the worker must be rebuilt.
const kept = []
export default function handler(req, res) {
  for (;;) kept.push(new Array(100000).fill(kept.length))
}
