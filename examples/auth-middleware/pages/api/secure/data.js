// A pages/api route behind the middleware.
export default function handler(req, res) {
  res.status(200).json({ message: 'Secure data', user: req.headers['x-user'] ?? null })
}
