// GET /api/users/[id]: a dynamic route echoing its query parameter and method (benchmark fixture).
export default function handler(req, res) {
  res.status(200).json({ id: req.query.id, method: req.method });
}
