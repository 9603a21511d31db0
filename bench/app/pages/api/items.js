// GET /api/items: 100 small objects built per request (a little CPU work); benchmark fixture.
// The ceiling server (bench/ceiling) builds byte-identical JSON.
const TAGS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];

export default function handler(req, res) {
  const items = Array.from({ length: 100 }, (_, i) => ({
    id: i + 1,
    name: `item-${i + 1}`,
    score: (i * 37) % 1000,
    tags: [TAGS[i % 5], TAGS[(i * 3) % 5]],
    active: i % 2 === 0,
  }));
  res.status(200).json(items);
}
