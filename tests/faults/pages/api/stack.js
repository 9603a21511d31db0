// Overflows the stack.
function down(n) {
  return down(n + 1) + 1
}
export default function handler(req, res) {
  res.status(200).json({ depth: down(0) })
}
