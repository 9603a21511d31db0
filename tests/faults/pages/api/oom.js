// Allocates until the heap limit; the garbage is released afterwards.
export default function handler(req, res) {
  const hold = []
  for (;;) hold.push(new Array(100000).fill(hold.length))
}
