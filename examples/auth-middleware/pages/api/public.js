// Outside the matcher: no token needed.
export default function handler(req, res) {
  res.status(200).json({ message: 'Public data' })
}
