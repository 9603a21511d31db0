// GET /api/hello: the smallest API route (benchmark fixture; the ceiling answers the same bytes).
export default function handler(req, res) {
  res.status(200).json({ message: 'Hello, world!' });
}
